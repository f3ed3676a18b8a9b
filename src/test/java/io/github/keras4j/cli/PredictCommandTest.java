package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code keras4j predict}: CSV in, CSV out with the model's predictions. */
class PredictCommandTest {

    @TempDir
    static Path directory;
    static Path modelFile;
    static INDArray expected;

    @BeforeAll
    static void trainModel() {
        modelFile = directory.resolve("xor.keras4j");
        Sequential model = TrainedModels.xor(modelFile);
        expected = model.predict(Nd4j.createFromArray(TrainedModels.XOR_X), 32, 0);
    }

    private static void assertPredictions(List<String> lines, int firstPredictionColumn) {
        assertEquals(5, lines.size());
        for (int row = 0; row < 4; row++) {
            String[] cells = lines.get(row + 1).split(",");
            assertEquals(firstPredictionColumn + 1, cells.length, lines.get(row + 1));
            assertEquals(expected.getFloat(row, 0), Float.parseFloat(cells[firstPredictionColumn]));
            assertEquals(TrainedModels.XOR_X[row][0], Float.parseFloat(cells[0]));
            assertEquals(TrainedModels.XOR_X[row][1], Float.parseFloat(cells[1]));
        }
    }

    @Test
    void writesTheInputColumnsAndThePredictions() throws IOException {
        Path out = directory.resolve("out/predictions.csv");
        Cli.Result result = Cli.run("predict", modelFile.toString(), "datasets/xor.csv", "-o", out.toString(),
                "--verbose", "0");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("predictions: " + out, result.out().strip());
        List<String> lines = Files.readAllLines(out);
        assertEquals("x1,x2,y,prediction", lines.get(0));
        assertPredictions(lines, 3);
        assertEquals("0.0,1.0,1.0", lines.get(2).substring(0, lines.get(2).lastIndexOf(',')));
    }

    @Test
    void readsFilesOfFeaturesOnly() throws IOException {
        Path in = Files.writeString(directory.resolve("inputs.csv"), "a,b\n0,0\n0,1\n1,0\n1,1\n");
        Path out = directory.resolve("features-only.csv");
        Cli.Result result = Cli.run("predict", modelFile.toString(), in.toString(), "--output", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("1/1 ["), result.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals("a,b,prediction", lines.get(0));
        assertPredictions(lines, 2);
    }

    @Test
    void labelsOptionChoosesTheNonInputColumns() throws IOException {
        Path in = Files.writeString(directory.resolve("label-first.csv"), "y,x1,x2\n0,0,0\n1,0,1\n1,1,0\n0,1,1\n");
        Path out = directory.resolve("label-first-out.csv");
        Cli.Result result = Cli.run("predict", modelFile.toString(), in.toString(), "-o", out.toString(),
                "--labels", "y", "--verbose", "0");
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("x1,x2,y,prediction", lines.get(0));
        assertPredictions(lines, 3);
    }

    @Test
    void outputIsRequiredAndBadInputsAreOneLineErrors() throws IOException {
        Cli.Result noOutput = Cli.run("predict", modelFile.toString(), "datasets/xor.csv");
        assertEquals(2, noOutput.exitCode());
        assertTrue(noOutput.err().startsWith("keras4j: error: Missing required option: '--output=OUT.csv'"),
                noOutput.err());
        Path narrow = Files.writeString(directory.resolve("narrow.csv"), "a\n0\n");
        Cli.Result tooFewColumns = Cli.run("predict", modelFile.toString(), narrow.toString(), "-o",
                directory.resolve("x.csv").toString());
        assertEquals(1, tooFewColumns.exitCode());
        assertEquals(1, tooFewColumns.err().lines().count(), tooFewColumns.err());
        assertTrue(tooFewColumns.err().contains("has 1 feature columns [a] but the model takes 2 inputs"),
                tooFewColumns.err());
        Path bad = Files.writeString(directory.resolve("bad.csv"), "a,b\n0,x\n");
        Cli.Result badCell = Cli.run("predict", modelFile.toString(), bad.toString(), "-o",
                directory.resolve("y.csv").toString());
        assertEquals(1, badCell.exitCode());
        assertTrue(badCell.err().contains("bad.csv line 2, column 'b' (2): 'x' is not a number"), badCell.err());
    }
}
