package io.github.keras4j.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.StdoutCapture;
import io.github.keras4j.examples.Tutorial002Xor;
import io.github.keras4j.examples.Tutorial003NumpyXor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tutorial's config trains exactly as its Java example does with the same seed. */
class TrainingTest {

    @TempDir
    Path directory;

    private TrainedRun train(String config, int verbose) {
        RunConfig run = RunConfig.read(Path.of(config)).withVerbose(verbose).withOutputDirectory(directory);
        return StdoutCapture.capture(() -> Training.run(run)).value();
    }

    @Test
    void tutorial002ConfigGivesTheExamplesHistory() throws IOException {
        Tutorial002Xor.Result example = StdoutCapture.capture(() -> Tutorial002Xor.run(1L, 0)).value();
        TrainedRun run = train("configs/tutorial002_xor.json", 0);
        assertEquals(example.history().history(), run.history().history());
        assertEquals(1000, run.history().get("loss").size());
        assertArrayEquals(example.scores(), run.testScores());
        // The History CSV holds the same numbers, epoch by epoch.
        List<String> lines = Files.readAllLines(run.historyFile());
        assertEquals("epoch,binary_accuracy,loss,val_binary_accuracy,val_loss", lines.get(0));
        assertEquals(1001, lines.size());
        assertEquals(example.history().get("loss").get(999), Double.parseDouble(lines.get(1000).split(",")[2]));
        // The predictions file holds the example's predictions.
        List<String> predictions = Files.readAllLines(run.predictionsFile());
        for (int row = 0; row < 4; row++) {
            String[] cells = predictions.get(row + 1).split(",");
            assertEquals(example.predictions().getFloat(row, 0), Float.parseFloat(cells[3]));
        }
    }

    @Test
    void tutorial003ConfigGivesTheExamplesLosses() {
        Map<String, List<Double>> example = Tutorial003NumpyXor.run().history().history();
        TrainedRun run = train("configs/tutorial003_numpy_xor.json", 0);
        assertEquals(example, run.history().history());
        assertTrue(run.history().get("loss").get(499) < 1e-6, run.history().get("loss").toString());
    }
}
