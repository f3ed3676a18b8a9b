package io.github.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.KerasGold;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.losses.dl4j.KerasBinaryCrossentropy;
import io.github.keras4j.losses.dl4j.KerasCategoricalCrossentropy;
import io.github.keras4j.losses.dl4j.KerasHuber;
import io.github.keras4j.losses.dl4j.KerasSparseCategoricalCrossentropy;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's loss classes with their arguments ({@link LossFunctionWrapper}): configs in and out as Keras 3.15 writes
 * them, the batch loss against what Keras 3.15 computed for the same arguments and data (make_gold.py), the setters
 * and the errors naming the argument.
 */
class LossObjectsTest {

    static Stream<Arguments> kerasLosses() {
        List<Arguments> cases = new ArrayList<>();
        for (Object entry : (List<?>) KerasGold.all().get("losses")) {
            Map<String, Object> gold = KerasGold.object(entry, "loss");
            cases.add(Arguments.of(gold.get("class_name") + " " + gold.get("arguments") + " "
                    + KerasGold.object(gold.get("config"), "config").get("reduction"), gold));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasLosses")
    void readsKerasConfigsAndComputesWhatKerasComputed(String name, Map<String, Object> gold) {
        Map<String, Object> kerasConfig = KerasGold.object(gold.get("config"), "config");
        Map<String, Object> arguments = KerasGold.object(gold.get("arguments"), "arguments");
        // Keras 3 leaves some arguments out of get_config (Huber's delta); the test adds them back.
        Map<String, Object> config = new LinkedHashMap<>(kerasConfig);
        arguments.forEach(config::putIfAbsent);
        LossFunctionWrapper<?> loss = Losses.fromConfig((String) gold.get("class_name"), config);

        assertEquals(gold.get("class_name"), loss.className());
        assertEquals(kerasConfig.get("name"), loss.kerasName());
        for (Map.Entry<String, Object> setting : config.entrySet()) {
            Object ours = loss.config().get(setting.getKey());
            Object keras = setting.getValue();
            assertTrue(keras instanceof Number n ? ((Number) ours).doubleValue() == n.doubleValue()
                    : java.util.Objects.equals(keras, ours), setting + " written as " + ours);
        }
        assertEquals(config.keySet(), loss.config().keySet(), "the config holds Keras's keys and no others");
        assertEquals(loss, Losses.fromConfig(loss.className(), loss.config()), "the config reads back");

        INDArray labels = Nd4j.createFromArray(KerasGold.matrix(gold.get("y_true")));
        INDArray outputs = Nd4j.createFromArray(KerasGold.matrix(gold.get("y_pred")));
        ILossFunction dl4j = loss.toDl4j();
        double score = dl4j.computeScore(labels, outputs, new ActivationIdentity(), null,
                loss.reduction() == Reduction.SUM_OVER_BATCH_SIZE);
        double keras = ((Number) gold.get("loss")).doubleValue();
        assertEquals(keras, score, 1e-5 * Math.max(1, Math.abs(keras)), name);
    }

    @Test
    void theSettersAreKerasArgumentsWithKerasDefaults() {
        BinaryCrossentropy bce = new BinaryCrossentropy();
        assertFalse(bce.fromLogits());
        assertEquals(0.0, bce.labelSmoothing());
        assertEquals("binary_crossentropy", bce.kerasName());
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, bce.reduction());
        BinaryCrossentropy changed = bce.fromLogits(true).labelSmoothing(0.1).reduction("sum").name("bce");
        assertEquals(new KerasBinaryCrossentropy(true, 0.1), changed.toDl4j());
        assertEquals(Reduction.SUM, changed.reduction());
        assertEquals("BinaryCrossentropy(from_logits=True, label_smoothing=0.1, axis=-1, reduction='sum', "
                + "name='bce')", changed.toString());
        assertEquals(Map.of("class_name", "BinaryCrossentropy", "config", Map.of("name", "bce", "reduction", "sum",
                "from_logits", true, "label_smoothing", 0.1, "axis", -1)), changed.kerasConfig());
        assertNotEquals(bce, changed);
        assertEquals(new BinaryCrossentropy(), bce, "immutable: the setters return copies");

        assertEquals(new KerasCategoricalCrossentropy(false, 0.2),
                new CategoricalCrossentropy().labelSmoothing(0.2).toDl4j());
        assertEquals(new KerasSparseCategoricalCrossentropy(true),
                new SparseCategoricalCrossentropy().fromLogits(true).toDl4j());
        assertTrue(new SparseCategoricalCrossentropy().sparseLabels());
        assertEquals(new KerasHuber(2.0), new Huber(2.0).toDl4j());
        assertEquals(new Huber(2.0), new Huber().delta(2.0));
        assertEquals("huber_loss", new Huber().kerasName());
    }

    @Test
    void theLowerCaseNamesAreShortcutsForTheObjectsWithKerasDefaults() {
        for (Losses loss : Losses.values()) {
            if (loss == Losses.SUM_SQUARED_ERROR) {
                assertThrows(UnsupportedOperationException.class, loss::object);
                assertEquals("sum_squared_error", loss.kerasConfig());
                continue;
            }
            LossFunctionWrapper<?> object = loss.object();
            assertEquals(loss.toDl4j(), object.toDl4j(), loss.kerasName());
            assertEquals(loss.reduction(), object.reduction());
            assertEquals(loss.sparseLabels(), object.sparseLabels());
            assertEquals(loss, Losses.get(object.className()), object.className());
            assertEquals(loss.kerasName(), loss.kerasConfig(), "a name is written as the name");
        }
        assertInstanceOf(Huber.class, Losses.HUBER.object());
        assertEquals(new Huber(0.5), Losses.fromConfig("huber", Map.of("delta", 0.5)));
    }

    @Test
    void whatKerasTakesAndKeras4jCannotComputeIsAnErrorNamingTheArgument() {
        assertEquals("BinaryCrossentropy: label_smoothing must be a number in [0, 1], received: 1.5",
                assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy().labelSmoothing(1.5))
                        .getMessage());
        assertEquals("Huber: delta must be a number > 0, received: 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Huber(0)).getMessage());
        assertEquals("CategoricalCrossentropy: axis=0 is not supported by keras4j, which computes over the last axis "
                + "of [samples, outputs] (axis=-1)", assertThrows(UnsupportedOperationException.class,
                        () -> Losses.fromConfig("CategoricalCrossentropy", Map.of("axis", 0))).getMessage());
        assertEquals(new CategoricalCrossentropy(), Losses.fromConfig("CategoricalCrossentropy", Map.of("axis", 1)),
                "axis 1 of [samples, outputs] is the last axis");
        assertEquals("SparseCategoricalCrossentropy: ignore_class=3 is not supported by keras4j (a class whose samples "
                + "count for nothing needs masked reductions); only None",
                assertThrows(UnsupportedOperationException.class,
                        () -> Losses.fromConfig("SparseCategoricalCrossentropy", Map.of("ignore_class", 3)))
                        .getMessage());
        assertEquals("BinaryCrossentropy: from_logits must be true or false, received: 'yes'",
                assertThrows(IllegalArgumentException.class,
                        () -> Losses.fromConfig("BinaryCrossentropy", Map.of("from_logits", "yes"))).getMessage());
        assertEquals("Huber does not take 'label_smoothing'; valid arguments: name, reduction, delta",
                assertThrows(IllegalArgumentException.class,
                        () -> Losses.fromConfig("Huber", Map.of("label_smoothing", 0.1))).getMessage());
        assertEquals("MeanSquaredError: dtype='float64' is not supported by keras4j, which computes the loss in the "
                + "model's float type", assertThrows(UnsupportedOperationException.class,
                        () -> Losses.fromConfig("MeanSquaredError", Map.of("dtype", "float64"))).getMessage());
        assertEquals(new MeanSquaredError(), Losses.fromConfig("MeanSquaredError", mapWithNull("dtype")));
        assertTrue(assertThrows(UnsupportedOperationException.class,
                () -> Losses.fromConfig("MeanSquaredError", mapWithNull("reduction"))).getMessage()
                .startsWith("reduction None is not supported by keras4j"));
        assertTrue(assertThrows(UnsupportedOperationException.class,
                () -> new MeanSquaredError().reduction("mean_with_sample_weight")).getMessage()
                .startsWith("reduction 'mean_with_sample_weight' is not supported by keras4j"));
        assertEquals("unknown reduction 'avg'; valid: sum_over_batch_size (also auto, mean), sum",
                assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().reduction("avg"))
                        .getMessage());
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, new MeanSquaredError().reduction("auto").reduction());
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, new MeanSquaredError().reduction("mean").reduction());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Losses.fromConfig("Tversky", Map.of()))
                .getMessage().startsWith("unknown loss 'Tversky'"));
    }

    @Test
    void aSumReductionTrainsOnTheSumOverTheBatch() {
        // One linear unit, w = 1, b = 0, x = [1, 2, 3], y = 0: the squared errors are 1, 4 and 9.
        float[][] x = {{1}, {2}, {3}};
        float[][] y = {{0}, {0}, {0}};
        Sequential summed = new Sequential(new Dense(1).inputDim(1));
        summed.compile(new SGD(0.01), new MeanSquaredError().reduction(Reduction.SUM));
        summed.setWeights(0, new double[][] {{1}}, new double[] {0});
        assertEquals(14.0, summed.evaluate(x, y)[0], 1e-6);
        Sequential mean = new Sequential(new Dense(1).inputDim(1));
        mean.compile(new SGD(0.01), new MeanSquaredError());
        mean.setWeights(0, new double[][] {{1}}, new double[] {0});
        assertEquals(14.0 / 3, mean.evaluate(x, y)[0], 1e-6);
        assertEquals(DataType.FLOAT, summed.network().params().dataType());
    }

    private static Map<String, Object> mapWithNull(String key) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, null);
        return map;
    }
}
