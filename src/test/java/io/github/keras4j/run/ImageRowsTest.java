package io.github.keras4j.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.Sequential;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.examples.Tutorial006Digits;
import io.github.keras4j.layers.Dense;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** CSV rows become the images a run config's model takes, channels last, row by row; rows that do not fit fail. */
class ImageRowsTest {

    @TempDir
    Path directory;

    @Test
    void rowsBecomeImagesRowByRowChannelsLast() {
        Sequential model = new Sequential(new io.github.keras4j.layers.Conv2D(1, 1).inputShape(2, 3, 2));
        float[][] row = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}};
        CsvData data = new CsvData(Nd4j.createFromArray(row), null, List.of(), List.of());
        INDArray images = ImageRows.shaped(model, data, Path.of("x.csv")).features();
        assertArrayEquals(new long[] {1, 2, 3, 2}, images.shape());
        // NumPy's x.reshape(-1, 2, 3, 2): image row 1, column 2, channel 1 is value 1*6 + 2*2 + 1.
        assertEquals(11f, images.getFloat(0, 1, 2, 1));
        assertEquals(3f, images.getFloat(0, 0, 1, 1));
    }

    @Test
    void featureVectorsStayAsTheyAre() {
        Sequential model = new Sequential(new Dense(1).inputDim(3));
        CsvData data = new CsvData(Nd4j.createFromArray(new float[][] {{1, 2, 3}}), null, List.of(), List.of());
        assertSame(data, ImageRows.shaped(model, data, Path.of("x.csv")));
    }

    @Test
    void aFileThatDoesNotFillTheImagesIsRefused() throws IOException {
        Path train = directory.resolve("short.csv");
        List<String> lines = Files.readAllLines(Tutorial006Digits.TRAIN);
        Files.write(train, lines.stream().limit(20).map(line -> line.substring(line.indexOf(',') + 1)).toList());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Training.run(config(train, "none")));
        assertEquals(train + " has 63 feature columns but the model takes images of shape (None, 8, 8, 1), 64 values per "
                + "row (height x width x channels, row by row); choose the feature columns with data.features",
                error.getMessage());
    }

    @Test
    void aFeatureNormalizerIsRefusedForImages() throws IOException {
        RunConfig config = config(Tutorial006Digits.TRAIN.toAbsolutePath(), "standardize");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Training.run(config));
        assertEquals(config.source() + ": data.normalization 'standardize' scales feature vectors, but the model "
                + "takes images of shape (None, 8, 8, 1); scale the pixels in the CSV files and use \"none\"",
                error.getMessage());
        try (var files = Files.list(directory)) {
            assertEquals(List.of(directory.resolve("digits.json")), files.toList(), "nothing trained, nothing written");
        }
    }

    /** Tutorial 006's config with another training file and normalization, one epoch. */
    private RunConfig config(Path train, String normalization) throws IOException {
        String json = Files.readString(Path.of("configs/tutorial006_digits.json"))
                .replace("\"datasets/digits_train.csv\"", "\"" + train.toAbsolutePath() + "\"")
                .replace("\"one_hot\": 10", "\"one_hot\": 10, \"normalization\": \"" + normalization + "\"");
        Path file = directory.resolve("digits.json");
        Files.writeString(file, json);
        return RunConfig.read(file).withEpochs(1).withVerbose(0).withOutputDirectory(directory.resolve("out"));
    }
}
