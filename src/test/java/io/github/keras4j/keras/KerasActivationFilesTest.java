package io.github.keras4j.keras;

import static io.github.keras4j.keras.KerasFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KonduitAI's examples/activations (Keras 2.3.1): a Dense layer followed by an advanced-activation layer (ELU,
 * LeakyReLU, ReLU, Softmax, ThresholdedReLU), saved whole ({@code *_model.h5}) and as config + weights, against the
 * predictions Keras saved beside them.
 */
class KerasActivationFilesTest {

    private static final String FOLDER = "KonduitAI__dl4j-test-resources/examples/activations/";

    @BeforeEach
    void session() {
        Backend.clearSession();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ELU_0", "LeakyReLU_0", "ReLU_0", "Softmax_0", "ThresholdReLU_0"})
    void modelFileMatchesKerasAndTrains(String name) {
        KerasFixtures.Gold gold = KerasFixtures.gold(FOLDER + name + "_inputs_and_outputs.h5");
        Path file = KerasFixtures.file(FOLDER + name + "_model.h5");
        // Standalone Keras 2.3's RMSprop with decay: epsilon outside the square root, lr / (1 + decay * t).
        Sequential model = Sequential.load(file);
        assertEquals(2, model.layers().size());
        assertTrue(model.isCompiled());
        assertEquals("RMSprop", model.optimizer().className());
        assertEquals(1e-6, model.optimizer().decay(), 1e-12);
        assertClose(gold.predictions(), model.predict(gold.inputs(), 32, 0), 1e-5);

        History history = model.fit(gold.inputs(), gold.predictions().mul(0.5), Fit.epochs(2).verbose(0));
        List<Double> losses = history.get("loss");
        assertTrue(losses.stream().allMatch(Double::isFinite), losses.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ELU_0", "LeakyReLU_0", "ReLU_0", "Softmax_0", "ThresholdReLU_0"})
    void configPlusWeightsMatchKeras(String name) {
        KerasFixtures.Gold gold = KerasFixtures.gold(FOLDER + name + "_inputs_and_outputs.h5");
        Sequential model = Sequential.fromJson(KerasFixtures.file(FOLDER + name + "_config.json"));
        model.loadWeights(KerasFixtures.file(FOLDER + name + "_weights.h5"));
        assertClose(gold.predictions(), model.predict(gold.inputs(), 32, 0), 1e-5);
    }
}
