package io.github.keras4j.layers;

import static io.github.keras4j.layers.ShapeLayerFixtures.entry;
import static io.github.keras4j.layers.ShapeLayerFixtures.input;
import static io.github.keras4j.layers.ShapeLayerFixtures.keras1;
import static io.github.keras4j.layers.ShapeLayerFixtures.keras2;
import static io.github.keras4j.layers.ShapeLayerFixtures.writtenConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.dl4j.NoiseLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * GaussianNoise and GaussianDropout: Keras's additive and multiplicative Gaussian noise in training only, from the
 * model's seed; Keras's configs in every spelling; any input shape, a timestep mask passed on.
 */
class GaussianLayersTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void gaussianNoiseAddsNoiseOfItsDeviationInTrainingOnly() {
        Sequential model = new Sequential(new GaussianNoise(0.5).inputDim(20000), new Dense(1)).seed(7);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 20000);
        INDArray noisy = model.network().feedForward(ones, true).get(1);
        assertEquals(1.0, noisy.meanNumber().doubleValue(), 0.02);
        assertEquals(0.5, noisy.stdNumber().doubleValue(), 0.02);
        assertEquals(ones, model.network().feedForward(ones, false).get(1));
    }

    @Test
    void gaussianDropoutMultipliesByNoiseAroundOneInTrainingOnly() {
        Sequential model = new Sequential(new GaussianDropout(0.2).inputShape(10, 10, 200), new Flatten()).seed(8);
        INDArray twos = Nd4j.ones(DataType.FLOAT, 1, 10, 10, 200).muli(2);
        INDArray noisy = model.network().feedForward(twos, true).get(1);
        assertEquals(2.0, noisy.meanNumber().doubleValue(), 0.02);
        // Keras's deviation sqrt(rate / (1 - rate)), times the input.
        assertEquals(2 * Math.sqrt(0.2 / 0.8), noisy.stdNumber().doubleValue(), 0.02);
        assertEquals(twos.reshape(1, 20000), model.predict(twos, 32, 0));
    }

    @Test
    void drawFromTheModelsSeed() {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 2, 30);
        INDArray first = new Sequential(new GaussianNoise(0.3).inputDim(30), new Dense(1)).seed(3).network()
                .feedForward(ones, true).get(1);
        INDArray again = new Sequential(new GaussianNoise(0.3).inputDim(30), new Dense(1)).seed(3).network()
                .feedForward(ones, true).get(1);
        assertEquals(first, again);
    }

    @Test
    void hasKerasChecksAndKeepsAnyShape() {
        assertEquals(0.1, new GaussianNoise(0.1).stddev());
        assertEquals(0.1, new GaussianDropout(0.1).rate());
        IllegalArgumentException stddev = assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(-1));
        assertEquals("Invalid value received for argument `stddev`. Expected a finite float value of at least 0. "
                + "Received: stddev=-1.0", stddev.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(Double.NaN));
        assertEquals(2.0, new GaussianNoise(2).config().get("stddev"), "tf.keras 2.x took any deviation");
        UnsupportedOperationException keras3 = assertThrows(UnsupportedOperationException.class,
                () -> new GaussianNoise(2).name("n").keras3Config());
        assertEquals("layer n (GaussianNoise) has stddev 2.0, which Keras 3 refuses (it takes 0 to 1; tf.keras 2.x "
                + "took any): save it as .h5 or keras4j's own file", keras3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GaussianDropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new GaussianDropout(-0.5));
        for (Shape shape : List.of(Shape.of(3), Shape.of(4, 3), Shape.of(2, 2, 3))) {
            assertEquals(shape, new GaussianNoise(0.1).outputShape(shape));
            assertEquals(shape, new GaussianDropout(0.1).outputShape(shape));
        }
        assertInstanceOf(org.deeplearning4j.nn.conf.dropout.GaussianNoise.class, ((NoiseLayer) new Sequential(
                new GaussianNoise(0.1).inputDim(3), new Dense(1)).network().getLayerWiseConfigurations().getConf(0)
                .getLayer()).getIDropout());
        assertEquals(0.3, ((org.deeplearning4j.nn.conf.dropout.GaussianDropout) ((NoiseLayer) new Sequential(
                new GaussianDropout(0.3).inputDim(3), new Dense(1)).network().getLayerWiseConfigurations()
                .getConf(0).getLayer()).getIDropout()).getRate());
    }

    @Test
    void writesKerasConfigsAndReadsEveryKerasSpelling() {
        Sequential model = new Sequential(new GaussianNoise(0.2).inputDim(3), new GaussianDropout(0.1),
                new Dense(1));
        Map<String, Object> noise = writtenConfig(model, 0);
        assertEquals(List.of("name", "trainable", "dtype", "stddev", "seed"), List.copyOf(noise.keySet()));
        assertEquals(0.2, noise.get("stddev"));
        Map<String, Object> dropout = writtenConfig(model, 1);
        assertEquals(List.of("name", "trainable", "dtype", "rate", "seed"), List.copyOf(dropout.keySet()));

        Sequential keras2 = keras2("[null, 3]", entry("GaussianNoise", "{\"name\": \"n\", \"stddev\": 0.4, "
                + "\"seed\": 3}"), entry("GaussianDropout", "{\"name\": \"d\", \"rate\": 0.3}"));
        assertEquals(0.4, ((GaussianNoise) keras2.layers().get(0)).stddev());
        assertEquals(0.3, ((GaussianDropout) keras2.layers().get(1)).rate());
        // Keras 1.2: sigma and p.
        Sequential keras1 = keras1(entry("GaussianNoise", "{\"name\": \"gaussiannoise_1\", \"trainable\": true, "
                + "\"batch_input_shape\": [null, 3], \"input_dtype\": \"float32\", \"sigma\": 0.6}"),
                entry("GaussianDropout", "{\"name\": \"gaussiandropout_1\", \"trainable\": true, \"p\": 0.2}"));
        assertEquals(0.6, ((GaussianNoise) keras1.layers().get(0)).stddev());
        assertEquals(0.2, ((GaussianDropout) keras1.layers().get(1)).rate());
        assertThrows(IllegalArgumentException.class, () -> keras2("[null, 3]", entry("GaussianNoise",
                "{\"name\": \"n\"}")));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> keras1(entry(
                "GaussianNoise", "{\"name\": \"n\", \"batch_input_shape\": [null, 3], \"sigma\": 0.6, \"stddev\": "
                        + "0.5}")));
        assertTrue(both.getMessage().contains("sigma"), both.getMessage());
    }

    @Test
    void passATimestepMaskOn() {
        INDArray x = input(1, 3, 4, 2);
        x.put(new org.nd4j.linalg.indexing.INDArrayIndex[] {NDArrayIndex.point(1), NDArrayIndex.interval(1, 4),
            NDArrayIndex.all()}, 0);
        Sequential noisy = new Sequential(new Masking(0).inputShape(4, 2), new GaussianNoise(0.1),
                new GaussianDropout(0.1), new GRU(3), new Dense(1)).seed(2);
        Sequential plain = new Sequential(new Masking(0).inputShape(4, 2), new GRU(3), new Dense(1));
        plain.setWeights(noisy.getWeights());
        assertEquals(plain.predict(x, 32, 0), noisy.predict(x, 32, 0));
        noisy.compile("adam", "mse");
        noisy.fit(x, input(2, 3, 1), Fit.epochs(2).verbose(0));
    }

    @Test
    void trainsAndRoundTrips(@TempDir Path folder) {
        Sequential features = new Sequential(new GaussianNoise(0.1).inputDim(4), new Dense(3, "tanh"),
                new GaussianDropout(0.2), new Dense(1)).seed(16);
        ShapeLayerFixtures.trainsAndRoundTrips(features, input(1, 8, 4), input(2, 8, 1), folder);
        Sequential images = new Sequential(new GaussianNoise(0.1).inputShape(4, 4, 1), new GaussianDropout(0.1),
                new Flatten(), new Dense(1)).seed(17);
        ShapeLayerFixtures.trainsAndRoundTrips(images, input(3, 8, 4, 4, 1), input(4, 8, 1), folder);
    }
}
