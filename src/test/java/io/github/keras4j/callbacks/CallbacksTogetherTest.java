package io.github.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * EarlyStopping, ModelCheckpoint(save_best_only) and CSVLogger in one fit, then the best checkpoint loaded: the
 * workflow Keras's docs show. The model learns y = x from training data while the validation data says y = -x, so
 * val_loss is best early and then grows, and EarlyStopping must stop.
 */
class CallbacksTogetherTest {

    @TempDir
    Path directory;

    @Test
    void stopsEarlyLogsEveryEpochAndKeepsTheBestModel() throws IOException {
        Backend.clearSession();
        float[][] x = {{1}, {2}, {-1}, {-2}};
        float[][] y = {{1}, {2}, {-1}, {-2}};
        float[][] validationY = {{-1}, {-2}, {1}, {2}};
        Sequential model = new Sequential(new Dense(1).useBias(false).kernelInitializer("zeros").inputDim(1));
        model.compile(new SGD(0.05), "mse");

        Path best = directory.resolve("best.keras4j");
        Path log = directory.resolve("training.csv");
        History history = model.fit(x, y, Fit.epochs(50).verbose(0).validationData(x, validationY).callbacks(
                new EarlyStopping().patience(3),
                new ModelCheckpoint(best.toString()).saveBestOnly(true),
                new CSVLogger(log.toString())));

        List<Double> valLoss = history.get("val_loss");
        int bestEpoch = valLoss.indexOf(valLoss.stream().min(Double::compare).orElseThrow());
        assertEquals(bestEpoch + 4, valLoss.size(), "stops 3 epochs without improvement after the best: " + valLoss);
        assertTrue(valLoss.size() < 50);

        List<String> lines = Files.readAllLines(log);
        assertEquals("epoch,loss,val_loss", lines.get(0));
        assertEquals(valLoss.size() + 1, lines.size());
        assertTrue(lines.get(1).startsWith("0,"), lines.get(1));

        Sequential restored = Sequential.load(best);
        double[] bestScores = restored.evaluate(Nd4j.createFromArray(x), Nd4j.createFromArray(validationY), 32, 0);
        assertEquals(valLoss.get(bestEpoch), bestScores[0], 1e-6);
        assertArrayEquals(new long[] {1, 1}, restored.getWeights(0).get(0).shape());
        assertTrue(restored.getWeights(0).get(0).castTo(DataType.DOUBLE).getDouble(0, 0)
                < model.getWeights(0).get(0).castTo(DataType.DOUBLE).getDouble(0, 0));
    }
}
