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
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.dl4j.ChannelsLastSpatialDropout;
import io.github.keras4j.layers.dl4j.NoiseLayer;
import io.github.keras4j.layers.dl4j.SequenceAsImageLayer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * SpatialDropout1D and SpatialDropout2D: whole features or channels dropped in training only, from the model's seed;
 * Keras's configs in every spelling; a timestep mask passed on.
 */
class SpatialDropoutTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    /** Each sample's channel is all 0 or all 1 / (1 - rate) over its pixels or timesteps; about rate of them 0. */
    private static void dropsWholeChannels(INDArray dropped, long samples, long channels, double rate) {
        INDArray rows = dropped.reshape(samples, -1, channels);
        INDArray smallest = rows.min(1);
        INDArray largest = rows.max(1);
        assertEquals(smallest, largest, "a channel is dropped at every position or none");
        double zeros = smallest.eq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() / (samples * channels);
        assertEquals(rate, zeros, 0.06);
        assertEquals(1 / (1 - rate), largest.maxNumber().doubleValue(), 1e-5);
    }

    @Test
    void dropWholeChannelsInTrainingOnly() {
        Sequential images = new Sequential(new SpatialDropout2D(0.25).inputShape(3, 4, 200), new Flatten()).seed(7);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 4, 3, 4, 200);
        dropsWholeChannels(images.network().feedForward(ones, true).get(1), 4, 200, 0.25);
        assertEquals(ones.reshape(4, 2400), images.predict(ones, 32, 0));

        Sequential sequences = new Sequential(new SpatialDropout1D(0.4).inputShape(5, 200), new Flatten()).seed(8);
        INDArray steps = Nd4j.ones(DataType.FLOAT, 4, 5, 200);
        dropsWholeChannels(sequences.network().feedForward(steps, true).get(1), 4, 200, 0.4);
        assertEquals(steps.reshape(4, 1000), sequences.predict(steps, 32, 0));
    }

    /** The backward pass multiplies by the forward pass's mask: dropped channels get no gradient. */
    @Test
    void backpropagatesThroughTheSameMask() {
        Nd4j.getRandom().setSeed(11);
        ChannelsLastSpatialDropout dropout = new ChannelsLastSpatialDropout(0.5);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 3, 4, 200);
        INDArray output = Nd4j.create(DataType.FLOAT, 3, 4, 200);
        dropout.applyDropout(ones, output, 0, 0, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        INDArray gradient = Nd4j.create(DataType.FLOAT, 3, 4, 200);
        dropout.backprop(ones.mul(3), gradient, 0, 0);
        assertEquals(output.mul(3), gradient);
        dropsWholeChannels(output, 3, 200, 0.5);
        assertThrows(IllegalStateException.class, () -> dropout.backprop(ones, gradient, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChannelsLastSpatialDropout(0));
    }

    @Test
    void drawFromTheModelsSeed() {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 2, 3, 3, 50);
        INDArray first = new Sequential(new SpatialDropout2D(0.5).inputShape(3, 3, 50), new Flatten()).seed(3)
                .network().feedForward(ones, true).get(1);
        INDArray again = new Sequential(new SpatialDropout2D(0.5).inputShape(3, 3, 50), new Flatten()).seed(3)
                .network().feedForward(ones, true).get(1);
        INDArray other = new Sequential(new SpatialDropout2D(0.5).inputShape(3, 3, 50), new Flatten()).seed(4)
                .network().feedForward(ones, true).get(1);
        assertEquals(first, again);
        assertTrue(!first.equals(other));
    }

    @Test
    void hasKerasChecksAndShapes() {
        assertEquals(0.3, new SpatialDropout1D(0.3).rate());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> new SpatialDropout2D(1));
        assertEquals("Invalid value received for argument `rate`. Expected a float value in [0, 1). Received: "
                + "rate=1.0", rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpatialDropout1D(-0.1));
        assertEquals(Shape.of(4, 3), new SpatialDropout1D(0.1).outputShape(Shape.of(4, 3)));
        assertThrows(UnsupportedOperationException.class, () -> new SpatialDropout1D(0.1).outputShape(Shape.of(4)));
        assertThrows(UnsupportedOperationException.class, () -> new SpatialDropout2D(0.1)
                .outputShape(Shape.of(4, 3)));
        assertEquals(0, new SpatialDropout2D(0.1).countParams(Shape.of(2, 2, 3)));
    }

    @Test
    void areDl4jDropoutLayersDroppingTheLastAxis() {
        NoiseLayer images = assertInstanceOf(NoiseLayer.class, new Sequential(new SpatialDropout2D(0.2)
                .inputShape(3, 3, 2), new Flatten()).network().getLayerWiseConfigurations().getConf(0).getLayer());
        assertEquals(new ChannelsLastSpatialDropout(0.8), images.getIDropout());
        SequenceAsImageLayer sequences = assertInstanceOf(SequenceAsImageLayer.class, new Sequential(
                new SpatialDropout1D(0.2).inputShape(3, 2), new Flatten()).network().getLayerWiseConfigurations()
                .getConf(0).getLayer());
        assertEquals(new ChannelsLastSpatialDropout(0.8), ((DropoutLayer) sequences.getUnderlying()).getIDropout());
    }

    @Test
    void writesKerasConfigsAndReadsEveryKerasSpelling() {
        Sequential model = new Sequential(new SpatialDropout1D(0.3).inputShape(4, 3), new Flatten());
        Map<String, Object> config = writtenConfig(model, 0);
        assertEquals(List.of("name", "trainable", "dtype", "rate", "noise_shape", "seed"),
                List.copyOf(config.keySet()));
        // Keras 3.15's get_config(): no trainable, the dtype's name.
        Map<String, Object> keras3 = new LinkedHashMap<>();
        keras3.put("rate", 0.3);
        keras3.put("seed", null);
        keras3.put("name", "spatial_dropout1d");
        keras3.put("dtype", "float32");
        assertEquals(keras3, model.layers().get(0).keras3Config());
        assertEquals(List.copyOf(keras3.keySet()), List.copyOf(model.layers().get(0).keras3Config().keySet()));
        Layer images = new SpatialDropout2D(0.2).name("s");
        assertEquals(List.of("rate", "seed", "name", "dtype", "data_format"), List.copyOf(images.keras3Config()
                .keySet()));

        assertEquals(0.4, ((SpatialDropout2D) keras2("[null, 3, 3, 2]", entry("SpatialDropout2D", "{\"name\": \"s\", "
                + "\"rate\": 0.4, \"seed\": 5, \"data_format\": \"channels_last\"}"), entry("Flatten", "{\"name\": "
                + "\"f\"}")).layers().get(0)).rate());
        // Keras 1.2: p, and dim_ordering.
        assertEquals(0.25, ((SpatialDropout1D) keras1(entry("SpatialDropout1D", "{\"name\": \"spatialdropout1d_1\", "
                + "\"trainable\": true, \"batch_input_shape\": [null, 4, 3], \"p\": 0.25}"), entry("Flatten",
                "{\"name\": \"flatten_1\", \"trainable\": true}")).layers().get(0)).rate());
        assertEquals(0.5, ((SpatialDropout2D) keras1(entry("SpatialDropout2D", "{\"name\": \"spatialdropout2d_1\", "
                + "\"trainable\": true, \"batch_input_shape\": [null, 3, 3, 2], \"p\": 0.5, \"dim_ordering\": "
                + "\"tf\"}"), entry("Flatten", "{\"name\": \"flatten_1\", \"trainable\": true}")).layers().get(0))
                .rate());
        UnsupportedOperationException first = assertThrows(UnsupportedOperationException.class,
                () -> keras2("[null, 2, 3, 3]", entry("SpatialDropout2D", "{\"name\": \"s\", \"rate\": 0.4, "
                        + "\"data_format\": \"channels_first\"}")));
        assertTrue(first.getMessage().contains("(SpatialDropout2D): \"data_format\" = \"channels_first\" is not "
                + "supported"), first.getMessage());
        UnsupportedOperationException noise = assertThrows(UnsupportedOperationException.class,
                () -> keras2("[null, 4, 3]", entry("SpatialDropout1D", "{\"name\": \"s\", \"rate\": 0.4, "
                        + "\"noise_shape\": [null, 1, 3]}")));
        assertTrue(noise.getMessage().contains("\"noise_shape\" = [null,1,3]")
                || noise.getMessage().contains("noise_shape"), noise.getMessage());
    }

    @Test
    void passesATimestepMaskOn() {
        INDArray x = input(1, 3, 4, 2);
        x.put(new org.nd4j.linalg.indexing.INDArrayIndex[] {NDArrayIndex.point(0), NDArrayIndex.interval(2, 4),
            NDArrayIndex.all()}, 0);
        Sequential masked = new Sequential(new Masking(0).inputShape(4, 2), new SpatialDropout1D(0.3),
                new LSTM(3), new Dense(1)).seed(2);
        Sequential plain = new Sequential(new Masking(0).inputShape(4, 2), new LSTM(3), new Dense(1));
        plain.setWeights(masked.getWeights());
        assertEquals(plain.predict(x, 32, 0), masked.predict(x, 32, 0));
        masked.compile("adam", "mse");
        masked.fit(x, input(2, 3, 1), io.github.keras4j.Fit.epochs(2).verbose(0));
    }

    @Test
    void trainsAndRoundTrips(@TempDir Path folder) {
        Sequential images = new Sequential(new Conv2D(3, 2, "tanh").inputShape(4, 4, 2), new SpatialDropout2D(0.3),
                new Flatten(), new Dense(1)).seed(14);
        ShapeLayerFixtures.trainsAndRoundTrips(images, input(1, 8, 4, 4, 2), input(2, 8, 1), folder);
        Sequential sequences = new Sequential(new SpatialDropout1D(0.2).inputShape(4, 3), new Dense(3, "tanh"),
                new SpatialDropout1D(0.5), new LSTM(2), new Dense(1)).seed(15);
        ShapeLayerFixtures.trainsAndRoundTrips(sequences, input(3, 8, 4, 3), input(4, 8, 1), folder);
    }
}
