package io.github.keras4j.run;

import io.github.keras4j.Model;
import io.github.keras4j.Shape;
import io.github.keras4j.data.CsvData;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CSV rows as the samples of a model that takes images. A CSV file holds one image per row, its values in Keras's
 * channels-last order flattened row by row ({@code x.reshape(len(x), -1)} in NumPy: for each image row, each column,
 * each channel), and a run config's model says the shape, so the rows are reshaped to
 * {@code [samples, height, width, channels]} as a Keras script does with {@code x.reshape(-1, 8, 8, 1)}. A file whose
 * feature columns do not fill the shape exactly is refused, naming both. {@link Training} and the command line's
 * {@code evaluate} and {@code predict} read images this way.
 */
public final class ImageRows {

    private ImageRows() {
    }

    /** Whether the model takes samples of more than one axis (images), which CSV rows must be reshaped into. */
    public static boolean needed(Model model) {
        return model.inputShapeOf().rank() > 1;
    }

    /** How many CSV columns one sample of the model fills: its input features, or its images' values. */
    public static long valuesPerSample(Model model) {
        Shape sample = model.inputShapeOf();
        if (!sample.isFullyKnown()) {
            throw new IllegalArgumentException("the model takes samples of shape " + sample + ", whose unknown size "
                    + "a CSV row cannot hold; give it arrays instead");
        }
        return sample.elementCount();
    }

    static CsvData shaped(Model model, CsvData data, Path file) {
        if (!needed(model)) {
            return data;
        }
        return new CsvData(features(model, data.features(), file, "data.features"), data.labels(),
                data.featureColumns(), data.labelColumns());
    }

    /**
     * The rows of {@code file}'s feature matrix as the model's samples: reshaped to its input shape for a model taking
     * images, {@code rows} itself otherwise.
     *
     * @param choose how the caller chooses the feature columns, named in the error
     * @throws IllegalArgumentException when the columns do not fill the images exactly
     */
    public static INDArray features(Model model, INDArray rows, Path file, String choose) {
        if (!needed(model)) {
            return rows;
        }
        Shape sample = model.inputShapeOf();
        long values = valuesPerSample(model);
        if (rows.columns() != values) {
            throw new IllegalArgumentException(file + " has " + rows.columns() + " feature columns but the model "
                    + "takes images of shape " + sample + ", " + values + " values per row (height x width "
                    + "x channels, row by row); choose the feature columns with " + choose);
        }
        long[] shape = new long[sample.rank() + 1];
        shape[0] = rows.rows();
        System.arraycopy(sample.sizes(), 0, shape, 1, sample.rank());
        return rows.reshape('c', shape);
    }
}
