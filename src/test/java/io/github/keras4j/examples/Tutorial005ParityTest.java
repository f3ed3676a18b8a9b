package io.github.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.StdoutCapture;
import io.github.keras4j.internal.PythonFormat;
import io.github.keras4j.plot.Plots;
import io.github.keras4j.run.ArrayFiles;
import io.github.keras4j.run.RunConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden test of tutorial 005, in its quick form: the LSTM trained on the training strings of up to 8 bits prints
 * Keras's verbose-2 log, classifies every held-back string of up to 8 bits, and reports its accuracy for each length up
 * to 100; the plot is drawn; and the run config describes exactly the example's model, data and settings (its full
 * 40-epoch run is the README's, and {@code TrainCommandTest} trains it for an epoch). The data files are checked as
 * {@code make_parity.py} describes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Tutorial005ParityTest {

    private static final long SEED = 3;
    private static final Pattern EPOCH_LINE = Pattern.compile(
            "(\\d+)/(\\d+) - \\d+s - loss: (\\d\\.\\d{4}(?:e[-+]\\d\\d)?) - accuracy: (\\d\\.\\d{4})"
                    + " - \\d+(?:s|ms|us)/epoch - \\d+(?:s|ms|us)/step");

    private StdoutCapture.Captured<Tutorial005Parity.Result> run;

    @BeforeAll
    void trainOnce() {
        Backend.clearSession();
        run = StdoutCapture.capture(() -> Tutorial005Parity.runQuick(SEED, 2));
    }

    @Test
    void theDataFilesHoldPaddedOneHotStringsAndTheirParity() {
        Tutorial005Parity.Strings train = Tutorial005Parity.read(Tutorial005Parity.TRAIN);
        assertArrayEquals(new long[] {2000, 20, 2}, train.x().shape());
        assertArrayEquals(new long[] {2000, 1}, train.y().shape());
        long[] lengths = Tutorial005Parity.lengths(train.x());
        assertEquals(2, Arrays.stream(lengths).min().orElseThrow());
        assertEquals(20, Arrays.stream(lengths).max().orElseThrow());
        for (int i = 0; i < 50; i++) {
            int ones = 0;
            for (int step = 0; step < 20; step++) {
                long zero = train.x().getLong(i, step, 0);
                long one = train.x().getLong(i, step, 1);
                boolean padding = step < 20 - lengths[i];
                assertEquals(padding ? 0 : 1, zero + one, "string " + i + " step " + step);
                ones += (int) one;
            }
            assertEquals(ones % 2, train.y().getLong(i, 0), "string " + i);
        }
        assertArrayEquals(new long[] {500, 100, 2}, Tutorial005Parity.read(Tutorial005Parity.LENGTH_100).x().shape());
        assertTrue(Arrays.stream(Tutorial005Parity.lengths(Tutorial005Parity.read(Tutorial005Parity.LENGTH_40).x()))
                .allMatch(length -> length == 40));
    }

    @Test
    void printsKerasLogAndClassifiesEveryHeldBackString() {
        Tutorial005Parity.Result result = run.value();
        List<String> printed = run.output().lines().filter(line -> !line.isEmpty()).toList();
        List<Double> losses = result.history().get("loss");
        List<Double> accuracies = result.history().get("accuracy");
        int epochs = Tutorial005Parity.QUICK_EPOCHS;
        assertEquals(epochs, losses.size());
        for (int epoch = 0; epoch < epochs; epoch++) {
            assertEquals("Epoch " + (epoch + 1) + "/" + epochs, printed.get(2 * epoch));
            Matcher line = EPOCH_LINE.matcher(printed.get(2 * epoch + 1));
            assertTrue(line.matches(), "epoch line: " + printed.get(2 * epoch + 1));
            assertEquals(line.group(1), line.group(2));
            assertEquals(verboseTwo(losses.get(epoch)), line.group(3));
            assertEquals(PythonFormat.fixed(accuracies.get(epoch), 4), line.group(4));
        }
        assertTrue(losses.get(0) > 10 * losses.get(epochs - 1), "the loss falls: " + losses);
        assertEquals(1.0, result.testAccuracy(),
                "every held-back string of up to 8 bits: " + result.accuracyByLength());
        Map<Integer, Double> byLength = result.accuracyByLength();
        // Lengths 2 to 4 have no held-back strings: the training file holds every one of them.
        List<Integer> tested = byLength.keySet().stream().filter(length -> length <= Tutorial005Parity.QUICK_LENGTH)
                .toList();
        assertEquals(List.of(5, 6, 7, 8), tested);
        for (int length : tested) {
            assertEquals(1.0, byLength.get(length), "length " + length);
        }
        assertTrue(byLength.containsKey(40) && byLength.containsKey(100), byLength.toString());
        assertTrue(byLength.values().stream().allMatch(accuracy -> accuracy >= 0 && accuracy <= 1),
                "every tested length has a fraction, none NaN: " + byLength);
        System.out.println("tutorial 005 quick: accuracy by length " + byLength);
    }

    @Test
    void drawsTheAccuracyByLength(@TempDir Path directory) throws IOException {
        Tutorial005Parity.Result result = run.value();
        Path file = Plots.accuracyByLength(result.accuracyByLength(), result.trainedUpTo(),
                directory.resolve("parity.png"));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(Plots.PANEL_WIDTH, image.getWidth());
        assertEquals(Plots.PANEL_HEIGHT, image.getHeight());
        assertTrue(Files.size(file) > 2000, "a picture, " + Files.size(file) + " bytes");
    }

    @Test
    void theRunConfigIsTheExamplesModelDataAndSettings() {
        RunConfig config = RunConfig.read(Path.of("configs/tutorial005_parity.json"));
        Backend.clearSession();
        Sequential fromConfig = config.compiledModel();
        Backend.clearSession();
        Sequential example = Tutorial005Parity.model(SEED);
        assertEquals(example.toJson(), fromConfig.toJson());
        for (int layer = 1; layer < example.layers().size(); layer++) {
            assertEquals(example.getWeights(layer), fromConfig.getWeights(layer), "layer " + layer);
        }
        assertEquals(SEED, config.seed());
        Fit fit = config.fitOptions();
        assertEquals(Tutorial005Parity.EPOCHS, fit.epochs());
        assertEquals(Tutorial005Parity.BATCH_SIZE, config.batchSize());
        assertEquals(2, config.verbose());
        ArrayFiles.Data train = config.data().trainArrays().load(fromConfig, null, "float32");
        Tutorial005Parity.Strings strings = Tutorial005Parity.read(Tutorial005Parity.TRAIN);
        assertEquals(strings.x().castTo(train.x().dataType()), train.x());
        assertEquals(strings.y().castTo(train.y().dataType()), train.y());
        assertEquals(Tutorial005Parity.TEST, config.data().test());
    }

    /** Keras's verbose-2 number format: %.4f above 1e-3, else %.4e. */
    private static String verboseTwo(double value) {
        return value > 1e-3 ? PythonFormat.fixed(value, 4) : PythonFormat.scientific(value, 4);
    }
}
