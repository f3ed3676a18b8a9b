package io.github.keras4j.run;

import io.github.keras4j.Sequential;
import io.github.keras4j.data.CsvData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * CSV rows as the samples of a model that takes images. A CSV file holds one image per row, its values in Keras's
 * channels-last order flattened row by row ({@code x.reshape(len(x), -1)} in NumPy: for each image row, each column,
 * each channel), and a run config's model says the shape, so the rows are reshaped to
 * {@code [samples, height, width, channels]} as a Keras script does with {@code x.reshape(-1, 8, 8, 1)}. A file whose
 * feature columns do not fill the shape exactly is refused, naming both.
 */
final class ImageRows {

    private ImageRows() {
    }

    /** Whether the model takes samples of more than one axis (images), which CSV rows must be reshaped into. */
    static boolean needed(Sequential model) {
        return model.inputShape().length > 1;
    }

    /** {@code data} with its features reshaped to the model's input shape; {@code data} itself for feature vectors. */
    static CsvData shaped(Sequential model, CsvData data, Path file) {
        long[] sample = model.inputShape();
        if (sample.length == 1) {
            return data;
        }
        long values = 1;
        for (long axis : sample) {
            values *= axis;
        }
        long columns = data.features().columns();
        if (columns != values) {
            throw new IllegalArgumentException(file + " has " + columns + " feature columns but the model takes "
                    + "images of shape " + shapeText(sample) + ", " + values + " values per row (height x width x "
                    + "channels, row by row); choose the feature columns with data.features");
        }
        long[] shape = new long[sample.length + 1];
        shape[0] = data.rows();
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return new CsvData(data.features().reshape('c', shape), data.labels(), data.featureColumns(),
                data.labelColumns());
    }

    static String shapeText(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
