package io.github.keras4j.engine.step;

import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dense networks train through the compiled step exactly as through DL4J's fit. */
class CompiledDenseTest {

    private static final INDArray XOR_X = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final INDArray XOR_Y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});

    @Test
    void tutorial002sXorFor100Steps() {
        Twins.assertIdentical(() -> {
            Sequential model = new Sequential().seed(2);
            model.add(new Dense(16, "relu").inputDim(2));
            model.add(new Dense(1, "sigmoid"));
            model.compile("adam", "mean_squared_error", "binary_accuracy");
            return model;
        }, XOR_X, XOR_Y, Fit.epochs(100));
    }
}
