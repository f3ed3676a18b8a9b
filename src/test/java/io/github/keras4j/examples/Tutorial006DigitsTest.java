package io.github.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.StdoutCapture;
import io.github.keras4j.internal.PythonFormat;
import io.github.keras4j.plot.Plots;
import io.github.keras4j.run.RunConfig;
import io.github.keras4j.run.TrainedRun;
import io.github.keras4j.run.Training;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Golden test of tutorial 006: the digits CNN prints Keras's verbose-2 log and evaluate bar, classifies more than
 * 97% of the 360 test digits, draws the misclassified ones, and its run config trains exactly the same model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Tutorial006DigitsTest {

    private static final long SEED = 6;
    private static final Pattern EPOCH_LINE = Pattern.compile(
            "45/45 - \\d+s - loss: (\\d\\.\\d{4}(?:e[-+]\\d\\d)?) - accuracy: (\\d\\.\\d{4})"
                    + " - \\d+(?:s|ms|us)/epoch - \\d+(?:s|ms|us)/step");
    private static final Pattern EVALUATE_LINE = Pattern.compile(
            "12/12 \\[==============================\\] - \\d+s \\d+(?:s|ms|us)/step - loss: (\\d\\.\\d{4}) - "
                    + "accuracy: (\\d\\.\\d{4})");

    private StdoutCapture.Captured<Tutorial006Digits.Result> run;

    @BeforeAll
    void trainOnce() {
        run = StdoutCapture.capture(() -> Tutorial006Digits.run(SEED, 2));
    }

    @Test
    void printsKerasLogAndClassifiesTheTestDigits() {
        Tutorial006Digits.Result result = run.value();
        String[] lines = run.output().replace("\r", "\n").split("\n");
        List<String> printed = java.util.Arrays.stream(lines).filter(line -> !line.isEmpty()).toList();
        List<Double> losses = result.history().get("loss");
        List<Double> accuracies = result.history().get("accuracy");
        assertEquals(40, losses.size());
        for (int epoch = 0; epoch < 40; epoch++) {
            assertEquals("Epoch " + (epoch + 1) + "/40", printed.get(2 * epoch));
            Matcher line = EPOCH_LINE.matcher(printed.get(2 * epoch + 1));
            assertTrue(line.matches(), "epoch line: " + printed.get(2 * epoch + 1));
            assertEquals(verboseTwo(losses.get(epoch)), line.group(1));
            assertEquals(PythonFormat.fixed(accuracies.get(epoch), 4), line.group(2));
        }
        // evaluate's bar: its last state, with the scores evaluate returns.
        String last = printed.get(printed.size() - 1);
        Matcher evaluate = EVALUATE_LINE.matcher(last);
        assertTrue(evaluate.matches(), "evaluate line: " + last);
        assertEquals(PythonFormat.fixed(result.testScores()[0], 4), evaluate.group(1));
        assertEquals(PythonFormat.fixed(result.testScores()[1], 4), evaluate.group(2));

        assertTrue(losses.get(0) > 3 * losses.get(39), "the loss falls: " + losses);
        assertTrue(result.testAccuracy() > 0.97, "test accuracy " + result.testAccuracy());
        assertEquals(result.testAccuracy(), 1 - misclassified(result) / 360.0, 1e-6);
        assertArrayEquals(new long[] {360, 8, 8, 1}, result.xTest().shape());
    }

    @Test
    void drawsTheMisclassifiedDigits(@TempDir Path directory) throws IOException {
        Tutorial006Digits.Result result = run.value();
        Path file = Plots.misclassified(result.model(), result.xTest(), result.yTest(),
                directory.resolve("misclassified.png"));
        assertTrue(Files.size(file) > 2000, "a picture, " + Files.size(file) + " bytes");
        BufferedImage image = ImageIO.read(file.toFile());
        int wrong = misclassified(result);
        assertTrue(wrong > 0 && wrong <= 10, wrong + " misclassified");
        int columns = Math.min(6, wrong);
        int rows = (wrong + 5) / 6;
        assertEquals(Math.max(columns, 2) * Plots.MISCLASSIFIED_PANEL, image.getWidth());
        assertEquals(36 + rows * Plots.MISCLASSIFIED_PANEL, image.getHeight());
    }

    @Test
    void runConfigTrainsTheSameModel(@TempDir Path directory) throws IOException {
        RunConfig config = RunConfig.read(Path.of("configs/tutorial006_digits.json")).withVerbose(0)
                .withOutputDirectory(directory).withPlotsDirectory(directory.resolve("plots"));
        TrainedRun trained = StdoutCapture.capture(() -> Training.run(config)).value();
        assertEquals(run.value().history().history(), trained.history().history());
        assertArrayEquals(run.value().testScores(), trained.testScores());
        List<String> predictions = Files.readAllLines(trained.predictionsFile());
        assertEquals(361, predictions.size());
        assertTrue(predictions.get(0).startsWith("pixel_0_0,") && predictions.get(0).endsWith(",label,prediction_0,"
                + "prediction_1,prediction_2,prediction_3,prediction_4,prediction_5,prediction_6,prediction_7,"
                + "prediction_8,prediction_9"), predictions.get(0));
        assertEquals(List.of(directory.resolve("plots/history.png"), directory.resolve("plots/misclassified.png")),
                trained.plotFiles());
        assertEquals(List.of("no representation pictures: they show models of feature vectors, and this one takes "
                + "images", "decision regions are drawn for classifiers of 2 input features only"), trained.plotNotes());
        assertTrue(Files.size(directory.resolve("plots/misclassified.png")) > 2000);
    }

    private static int misclassified(Tutorial006Digits.Result result) {
        INDArray predicted = result.model().predict(result.xTest(), 32, 0).argMax(1);
        INDArray truth = result.yTest().argMax(1);
        int wrong = 0;
        for (int i = 0; i < 360; i++) {
            wrong += predicted.getLong(i) == truth.getLong(i) ? 0 : 1;
        }
        return wrong;
    }

    /** Keras's verbose-2 number format: %.4f above 1e-3, else %.4e. */
    private static String verboseTwo(double value) {
        return value > 1e-3 ? PythonFormat.fixed(value, 4) : PythonFormat.scientific(value, 4);
    }
}
