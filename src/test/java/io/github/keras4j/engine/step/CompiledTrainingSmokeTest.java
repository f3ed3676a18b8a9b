package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Layer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CompiledTrainingSmokeTest {

    private static Sequential model() {
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(16, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "mean_squared_error");
        return model;
    }

    @Test
    void xorStepsMatchDl4j() {
        INDArray x = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});
        Sequential a = model();
        Sequential b = model();
        MultiLayerNetwork dl4j = a.network();
        MultiLayerNetwork compiledNet = b.network();
        SameNumbers.assertSame(dl4j.params(), compiledNet.params(), "params");
        List<LayerStep> steps = new ArrayList<>();
        for (Layer layer : b.layers()) {
            steps.add(layer::compile);
        }
        CompiledTraining compiled = CompiledTraining.of(compiledNet, steps, new long[] {2}, 1);
        for (int i = 0; i < 100; i++) {
            dl4j.fit(x, y);
            double score = compiled.fit(x, y, null);
            assertEquals(dl4j.score(), score, "score at step " + i);
            SameNumbers.assertSame(dl4j.params(), compiledNet.params(), "params at step " + i);
        }
        long created = NewBuffers.countedIn(() -> {
            for (int i = 0; i < 10; i++) {
                compiled.fit(x, y, null);
            }
        });
        assertEquals(0, created);
    }
}
