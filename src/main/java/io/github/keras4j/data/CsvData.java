package io.github.keras4j.data;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A CSV file read into memory by {@link CsvDataset#load()}: what pandas's {@code df[features].to_numpy()} and
 * {@code df[labels].to_numpy()} give, with the dataset's label encoding and normalization applied.
 *
 * @param features {@code rows x featureColumns.size()}, in the dataset's dtype
 * @param labels {@code rows x} the encoded label width, or null when the dataset has no label columns
 * @param featureColumns the header names of the feature array's columns, in order
 * @param labelColumns the header names of the label columns (one class column for one-hot labels)
 */
public record CsvData(INDArray features, INDArray labels, List<String> featureColumns, List<String> labelColumns) {

    public CsvData {
        featureColumns = List.copyOf(featureColumns);
        labelColumns = List.copyOf(labelColumns);
    }

    /** The number of rows (samples). */
    public long rows() {
        return features.rows();
    }
}
