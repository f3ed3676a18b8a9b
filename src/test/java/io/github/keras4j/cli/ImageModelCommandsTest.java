package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.examples.Tutorial006Digits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** evaluate and predict on a model taking images (tutorial 006's): each CSV row is one image, row by row. */
class ImageModelCommandsTest {

    @TempDir
    Path directory;

    @Test
    void evaluateAndPredictReadImageRows() throws IOException {
        Path run = directory.resolve("run");
        Cli.Result trained = Cli.run("train", "configs/tutorial006_digits.json", "--epochs", "1", "--verbose", "0",
                "--output", run.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Path model = run.resolve("model.keras4j");
        String test = Tutorial006Digits.TEST.toString();

        Cli.Result evaluated = Cli.run("evaluate", model.toString(), test, "--verbose", "0");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        Sequential loaded = Sequential.load(model);
        CsvData digits = new CsvDataset(Tutorial006Digits.TEST).labelColumns("label").oneHot(10).load();
        INDArray images = Tutorial006Digits.images(digits.features());
        double[] scores = loaded.evaluate(images, digits.labels(), 32, 0);
        assertEquals(TrainCommand.scores(loaded.metricsNames(), scores), evaluated.out().strip());

        Path predictions = directory.resolve("predictions.csv");
        Cli.Result predicted = Cli.run("predict", model.toString(), test, "-o", predictions.toString(),
                "--verbose", "0");
        assertEquals(0, predicted.exitCode(), predicted.err());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals(361, lines.size());
        assertTrue(lines.get(0).endsWith(",label,prediction_0,prediction_1,prediction_2,prediction_3,prediction_4,"
                + "prediction_5,prediction_6,prediction_7,prediction_8,prediction_9"), lines.get(0));
        String[] first = lines.get(1).split(",");
        INDArray expected = loaded.predict(images, 32, 0);
        for (int k = 0; k < 10; k++) {
            assertEquals(expected.getFloat(0, k), Float.parseFloat(first[65 + k]), "prediction_" + k);
        }

        // Rows that are not 64 pixels: the columns and the image shape are named.
        Path narrow = directory.resolve("narrow.csv");
        Files.write(narrow, Files.readAllLines(Tutorial006Digits.TEST).stream().limit(5)
                .map(line -> line.substring(line.indexOf(',') + 1)).toList());
        Cli.Result refused = Cli.run("evaluate", model.toString(), narrow.toString(), "--labels", "label");
        assertEquals(Keras4jCommand.EXIT_FAILED, refused.exitCode());
        String error = refused.err().strip();
        assertTrue(error.startsWith("keras4j: error: " + narrow + " has 63 feature columns [pixel_0_1, pixel_0_2, "),
                error);
        assertTrue(error.endsWith(", pixel_7_7] but the model takes images of shape (None, 8, 8, 1), 64 values per row; name "
                + "the label columns with --labels"), error);
    }

}
