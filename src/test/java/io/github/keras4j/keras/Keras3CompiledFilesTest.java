package io.github.keras4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.KerasGold;
import io.github.keras4j.Sequential;
import io.github.keras4j.losses.BinaryCrossentropy;
import io.github.keras4j.losses.CategoricalCrossentropy;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.losses.SparseCategoricalCrossentropy;
import io.github.keras4j.metrics.AUC;
import io.github.keras4j.metrics.BinaryAccuracy;
import io.github.keras4j.metrics.CategoricalAccuracy;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.metrics.Precision;
import io.github.keras4j.metrics.Recall;
import io.github.keras4j.metrics.SparseCategoricalAccuracy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Classifiers saved by real Keras 3.15 (src/test/resources/keras/keras4j__keras3-gold, make_gold.py): each loads
 * compiled with the file's loss and metrics (names, Keras 3's serialized functions, MeanMetricWrapper objects with
 * their fn, metric classes with arguments, loss objects with label smoothing or from_logits, a list of metrics per
 * output), logs the names Keras logs, evaluates to what Keras's evaluate gave and predicts what Keras predicts.
 */
class Keras3CompiledFilesTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris_accuracy.h5", "iris_metric_objects.h5", "iris_logits.keras",
        "churn_metric_objects.h5", "churn_accuracy.h5"})
    void loadsCompiledAndEvaluatesAsKerasDid(String file) {
        Map<String, Object> gold = KerasGold.model(file);
        Sequential model = Sequential.load(KerasGold.file(file));
        assertTrue(model.isCompiled(), file);

        List<String> names = model.metricsNames();
        assertEquals(new TreeSet<>(KerasGold.strings(gold.get("logged"))), new TreeSet<>(names),
                "the names Keras logs (Keras 3 sorts them, keras4j keeps compile's order)");
        assertEquals(names.size(), new HashSet<>(names).size());

        Map<String, Object> data = KerasGold.data((String) gold.get("data"));
        INDArray x = Nd4j.createFromArray(KerasGold.floats(data.get("x")));
        INDArray y = Nd4j.createFromArray(KerasGold.floats(gold.get("labels")));
        double[] scores = model.evaluate(x, y, (int) x.size(0), 0);
        Map<String, Object> keras = KerasGold.object(gold.get("evaluate"), "evaluate");
        for (int i = 0; i < names.size(); i++) {
            double expected = ((Number) keras.get(names.get(i))).doubleValue();
            assertEquals(expected, scores[i], 2e-6, file + " " + names.get(i));
        }
        INDArray predicted = model.predict(x, (int) x.size(0), 0);
        float[][] kerasPredicted = KerasGold.floats(gold.get("predict"));
        for (int row = 0; row < kerasPredicted.length; row++) {
            assertArrayEquals(kerasPredicted[row], predicted.toFloatMatrix()[row], 1e-6f, file + " row " + row);
        }

        // What keras4j writes as the training config compiles the same model again.
        Sequential again = Sequential.load(KerasGold.file(file));
        ModelConfig.compile(again, ModelConfig.trainingConfig(model), file + " written back");
        assertEquals(model.loss(), again.loss());
        assertEquals(model.metrics(), again.metrics());
    }

    @Test
    void theMetricObjectsCarryTheirArguments() {
        Sequential iris = Sequential.load(KerasGold.file("iris_metric_objects.h5"));
        assertEquals(new CategoricalCrossentropy().labelSmoothing(0.1), iris.loss());
        List<Metric> metrics = iris.metrics();
        assertEquals(new CategoricalAccuracy().name("accuracy"), metrics.get(0), "MeanMetricWrapper(fn=...)");
        assertEquals(Precision.named("precision").thresholds(0.4), metrics.get(1));
        assertEquals(Recall.named("recall").classId(1), metrics.get(2));
        assertEquals(AUC.named("auc").numThresholds(50), metrics.get(3));
        assertEquals(Metrics.get("mse"), metrics.get(4));
        assertEquals(new CategoricalAccuracy().name("ca"), metrics.get(5));

        Sequential churn = Sequential.load(KerasGold.file("churn_metric_objects.h5"));
        assertEquals(new BinaryCrossentropy().labelSmoothing(0.05), churn.loss());
        assertEquals(List.of(new BinaryAccuracy().name("accuracy"), new BinaryAccuracy().threshold(0.6).name("acc60"),
                AUC.named("auc_1").curve("PR"), Recall.named("recall_1")), churn.metrics());

        Sequential logits = Sequential.load(KerasGold.file("iris_logits.keras"));
        assertEquals(new SparseCategoricalCrossentropy().fromLogits(true), logits.loss());
        assertEquals(List.of(new SparseCategoricalAccuracy().name("accuracy"),
                new SparseCategoricalAccuracy().name("sca")), logits.metrics());

        Sequential plain = Sequential.load(KerasGold.file("iris_accuracy.h5"));
        assertEquals(Losses.CATEGORICAL_CROSSENTROPY, plain.loss());
        assertEquals(List.of(new CategoricalAccuracy().name("accuracy")), plain.metrics());
    }
}
