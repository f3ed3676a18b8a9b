package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormalizationTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void infersWithTheMovingStatisticsAsKeras() {
        Sequential model = new Sequential(new BatchNormalization().inputDim(2));
        INDArray gamma = Nd4j.createFromArray(2.0, 0.5);
        INDArray beta = Nd4j.createFromArray(0.1, -1.0);
        INDArray mean = Nd4j.createFromArray(1.0, -2.0);
        INDArray variance = Nd4j.createFromArray(4.0, 0.25);
        model.setWeights(0, gamma, beta, mean, variance);
        double[][] x = {{3.0, 0.0}, {-1.0, -2.5}};
        INDArray out = model.predict(Nd4j.createFromArray(x), 32, 0);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double expected = gamma.getDouble(j) * (x[i][j] - mean.getDouble(j))
                        / Math.sqrt(variance.getDouble(j) + 1e-3) + beta.getDouble(j);
                assertEquals(expected, out.getDouble(i, j), 1e-5);
            }
        }
    }

    @Test
    void trainingMovesTheMeanByOneMinusMomentum() {
        Sequential model = new Sequential(new BatchNormalization().inputDim(2), new Dense(1)).seed(1);
        model.compile(new SGD(1e-9), "mse");
        double[][] x = {{1.0, 10.0}, {3.0, 20.0}, {5.0, 30.0}};
        double[][] y = {{0}, {0}, {0}};
        model.fit(x, y, Fit.epochs(1).verbose(0));
        List<INDArray> weights = model.getWeights(0);
        // Keras: moving_mean = 0.99 * 0 + 0.01 * batch_mean.
        assertEquals(0.03, weights.get(2).getDouble(0), 1e-6);
        assertEquals(0.2, weights.get(2).getDouble(1), 1e-5);
    }

    @Test
    void countsFourWeightsPerFeatureHalfOfThemNotTrainable() {
        BatchNormalization layer = new BatchNormalization();
        assertEquals(40, layer.countParams(10));
        assertEquals(20, layer.countTrainableParams(10));
        List<String> lines = new ArrayList<>();
        new Sequential(new Dense(10).inputDim(3), new BatchNormalization()).summary(lines::add);
        assertTrue(lines.contains("Non-trainable params: 20"), lines.toString());
    }

    @Test
    void hasKerasDefaultsAndValidatesArguments() {
        BatchNormalization layer = new BatchNormalization();
        assertEquals(0.99, layer.momentum());
        assertEquals(1e-3, layer.epsilon());
        assertEquals(true, layer.center());
        assertEquals(true, layer.scale());
        assertThrows(IllegalArgumentException.class, () -> layer.momentum(1.5));
        assertThrows(IllegalArgumentException.class, () -> layer.epsilon(0));
        UnsupportedOperationException mixed = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new BatchNormalization().center(false).inputDim(2)).network());
        assertTrue(mixed.getMessage().contains("center=false and scale=true"), mixed.getMessage());
    }
}
