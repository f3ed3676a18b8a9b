package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.keras4j.Sequential;
import io.github.keras4j.activations.Activations;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationTest {

    @Test
    void equalsTheSameActivationInsideDense() {
        double[][] kernel = {{1.0, -2.0}, {0.5, 1.0}};
        double[] bias = {0.0, 0.5};
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 1}, {-1, 2}, {3, -1}});

        Sequential separate = new Sequential(new Dense(2).inputDim(2), new Activation("tanh"));
        separate.setWeights(0, kernel, bias);
        Sequential fused = new Sequential(new Dense(2, "tanh").inputDim(2));
        fused.setWeights(0, kernel, bias);

        INDArray a = separate.predict(x, 32, 0);
        INDArray b = fused.predict(x, 32, 0);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(b.getDouble(i, j), a.getDouble(i, j), 1e-6);
            }
        }
    }

    @Test
    void takesANameOrARegistryValue() {
        assertSame(Activations.SOFTMAX, new Activation("softmax").activation());
        assertSame(Activations.ELU, new Activation(Activations.ELU).activation());
        assertEquals(5, new Activation("relu").outputUnits(5));
        assertEquals("activation", new Activation("relu").named().name().replaceAll("_\\d+$", ""));
    }
}
