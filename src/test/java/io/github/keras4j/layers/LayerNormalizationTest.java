package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LayerNormalization: Keras's formula by hand on features, sequences and images, shapes and counts, configs (tf.keras's
 * built axis, Keras 3's list), refusals, random initializers, training and files. Keras's own outputs and gradients are
 * in {@code keras.KerasConvolution1DFilesTest}.
 */
class LayerNormalizationTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
        Backend.setFloatx("float64");
    }

    @AfterEach
    void restoreFloatx() {
        Backend.setFloatx("float32");
    }

    /** Keras's LayerNormalization over the last axis of rows of features. */
    private static INDArray normalized(INDArray rows, double epsilon, INDArray gamma, INDArray beta) {
        INDArray mean = rows.mean(true, 1);
        INDArray centred = rows.subColumnVector(mean);
        INDArray variance = centred.mul(centred).mean(true, 1);
        return centred.divColumnVector(org.nd4j.linalg.ops.transforms.Transforms.sqrt(variance.add(epsilon)))
                .mulRowVector(gamma).addRowVector(beta);
    }

    @Test
    void normalizesTheLastAxisOfFeaturesSequencesAndImages() {
        Nd4j.getRandom().setSeed(1);
        INDArray gamma = Nd4j.createFromArray(0.5, 2.0, -1.0);
        INDArray beta = Nd4j.createFromArray(0.25, 0.0, 1.0);
        for (long[] shape : List.of(new long[] {4, 3}, new long[] {2, 5, 3}, new long[] {2, 3, 2, 3})) {
            Backend.clearSession();
            long[] sample = java.util.Arrays.copyOfRange(shape, 1, shape.length);
            // A model outputs features or sequences: images are flattened after.
            Sequential model = new Sequential(new LayerNormalization().epsilon(0.01).inputShape(sample));
            if (shape.length == 4) {
                model.add(new Flatten());
            }
            model.setWeights(0, gamma, beta);
            INDArray x = Nd4j.rand(DataType.DOUBLE, shape).mul(4);
            INDArray expected = normalized(x.reshape(x.length() / 3, 3), 0.01, gamma, beta)
                    .reshape(shape.length == 4 ? new long[] {shape[0], x.length() / shape[0]} : shape);
            assertEquals(0, expected.sub(model.predict(x, 32, 0)).amaxNumber().doubleValue(), 1e-12,
                    java.util.Arrays.toString(shape));
        }
    }

    @Test
    void weightsShapesAndCounts() {
        LayerNormalization layer = new LayerNormalization().name("n");
        assertEquals(Shape.of(5, 8), layer.outputShape(Shape.of(5, 8)));
        assertEquals(16, layer.countParams(Shape.of(5, 8)));
        assertEquals(8, layer.center(false).countParams(Shape.of(5, 8)));
        assertEquals(0, layer.center(false).scale(false).countParams(Shape.of(8)));
        assertEquals(List.of("gamma", "beta"), layer.kerasWeights().stream().map(KerasWeight::name).toList());
        assertEquals(List.of("beta"), layer.scale(false).kerasWeights().stream().map(KerasWeight::name).toList());
        Sequential model = new Sequential(new LayerNormalization().gammaInitializer("random_normal").inputShape(64))
                .seed(3);
        INDArray gamma = model.getWeights(0).get(0);
        assertTrue(gamma.stdNumber().doubleValue() > 0.02 && gamma.stdNumber().doubleValue() < 0.08,
                "random_normal's stddev 0.05: " + gamma);
        assertEquals(0, model.getWeights(0).get(1).amaxNumber().doubleValue());
    }

    @Test
    void configsAndRefusals() {
        LayerNormalization layer = new LayerNormalization().epsilon(1e-6).center(false).name("n");
        assertEquals(List.of("name", "trainable", "dtype", "axis", "epsilon", "center", "scale", "beta_initializer",
                "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"),
                List.copyOf(layer.config().keySet()));
        assertEquals(List.of(-1), layer.keras3Config().get("axis"));
        assertEquals(false, layer.keras3Config().get("rms_scaling"));

        // tf.keras writes the axis it was built with: 2 on sequences is the last one.
        String config = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"n\", \"axis\": AXIS,"
                + " \"epsilon\": 0.001, \"batch_input_shape\": [null, 4, 3]}}]}}";
        assertTrue(Sequential.fromJson(config.replace("AXIS", "[2]")).layers().get(0) instanceof LayerNormalization);
        UnsupportedOperationException middle = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(config.replace("AXIS", "[1]")));
        assertTrue(middle.getMessage().contains("axis 1 is not the last axis of its input (None, 4, 3); keras4j "
                + "normalizes only the last axis (-1)"), middle.getMessage());
        UnsupportedOperationException several = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(config.replace("AXIS", "[1, 2]")));
        assertTrue(several.getMessage().contains("\"axis\" = [1,2] is not supported by keras4j; only the last axis "
                + "(-1)"), several.getMessage());
        UnsupportedOperationException rms = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(config.replace("AXIS", "-1, \"rms_scaling\": true")));
        assertTrue(rms.getMessage().contains("\"rms_scaling\" = true is not supported by keras4j"), rms.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerNormalization().epsilon(0));
    }

    /** DL4J users get a network whose configuration goes to DL4J's JSON and back (keras4j's DL4J layers included). */
    @Test
    void theDl4jConfigurationGoesToJsonAndBack() {
        Sequential model = new Sequential(new Conv1D(4, 2).padding("causal").inputShape(6, 3),
                new LayerNormalization().center(false).gammaRegularizer("l2"), new MaxPooling1D(),
                new GlobalAveragePooling1D().keepdims(true), new Flatten(), new Dense(1));
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = model.network().getLayerWiseConfigurations();
        assertEquals(conf, org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void trainsAndSavesAndReloads(@TempDir Path folder) {
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 24, 6, 3);
        INDArray y = x.sum(1).sum(1).reshape(24, 1);
        Sequential model = new Sequential(new Conv1D(4, 2, "relu").inputShape(6, 3),
                new LayerNormalization().gammaRegularizer("l2"), new Flatten(), new Dense(1)).seed(6);
        model.compile("adam", "mse");
        LayerRoundTrips.trains(model, x, y, 5);
        LayerRoundTrips.savesAndReloads(model, x, folder);
    }
}
