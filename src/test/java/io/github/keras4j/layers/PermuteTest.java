package io.github.keras4j.layers;

import static io.github.keras4j.layers.ShapeLayerFixtures.entry;
import static io.github.keras4j.layers.ShapeLayerFixtures.input;
import static io.github.keras4j.layers.ShapeLayerFixtures.keras1;
import static io.github.keras4j.layers.ShapeLayerFixtures.keras2;
import static io.github.keras4j.layers.ShapeLayerFixtures.summary;
import static io.github.keras4j.layers.ShapeLayerFixtures.writtenConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.dl4j.SampleReshapePreProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Permute: Keras's transpose of each sample's axes, its shapes, config, errors, DL4J form and round trips. */
class PermuteTest {

    @BeforeEach
    void resetNames() {
        Backend.clearSession();
    }

    @Test
    void permutesTheAxesOfEachSample() {
        INDArray x = Nd4j.arange(2 * 2 * 3 * 4).castTo(DataType.FLOAT).reshape(2, 2, 3, 4);
        Sequential model = new Sequential(new Permute(3, 1, 2).inputShape(2, 3, 4), new Flatten());
        INDArray expected = x.permute(0, 3, 1, 2).dup('c').reshape(2, 24);
        assertEquals(expected, model.predict(x, 32, 0));
        Sequential sequences = new Sequential(new Permute(2, 1).inputShape(3, 4), new Flatten());
        INDArray steps = x.reshape(2, 3, 8).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4))
                .dup('c');
        assertEquals(steps.permute(0, 2, 1).dup('c').reshape(2, 12), sequences.predict(steps, 32, 0));
    }

    @Test
    void hasKerasShapesAndChecksItsDims() {
        assertEquals(Shape.of(4, 2, 3), new Permute(3, 1, 2).outputShape(Shape.of(2, 3, 4)));
        assertEquals(Shape.of(5, 3), new Permute(2, 1).outputShape(Shape.of(3, 5)));
        assertArrayEquals(new int[] {2, 1}, new Permute(2, 1).dims());
        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class, () -> new Permute(1, 3));
        assertEquals("Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be "
                + "consecutive and start from 1. Received dims=[1, 3]", dims.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Permute(0, 1));
        assertThrows(UnsupportedOperationException.class, () -> new Permute(1, 2, 3, 4));
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> new Permute(2, 1).name("p").outputShape(Shape.of(2, 3, 4)));
        assertEquals("Permute layer p with dims [2, 1] takes input of 2 axes, received input of shape [2, 3, 4]",
                rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Permute(2, 1).outputShape(Shape.of(Shape.NONE, 3)));
        Sequential model = new Sequential(new Conv2D(2, 2).inputShape(4, 3, 1), new Permute(2, 1, 3), new Flatten());
        String table = summary(model);
        assertTrue(table.contains(" permute (Permute)           (None, 2, 3, 2)           0"), table);
    }

    @Test
    void isAnIdentityLayerWithAPermutingPreprocessor() {
        Sequential model = new Sequential(new Permute(2, 1).inputShape(3, 5), new Flatten());
        SampleReshapePreProcessor permute = assertInstanceOf(SampleReshapePreProcessor.class,
                model.network().getLayerWiseConfigurations().getInputPreProcess(0));
        assertArrayEquals(new int[] {2, 1}, permute.permutation());
        assertArrayEquals(new long[] {5, 3}, permute.outputShape());
    }

    @Test
    void writesKerasConfigAndReadsEveryKerasSpelling() {
        Sequential model = new Sequential(new Permute(2, 1).inputShape(3, 5), new Flatten());
        Map<String, Object> config = writtenConfig(model, 0);
        assertEquals(List.of("name", "trainable", "dtype", "dims"), List.copyOf(config.keySet()));
        assertEquals(List.of(2, 1), config.get("dims"));
        assertTrue(model.layers().get(0).keras3Builds());
        Permute keras2 = (Permute) keras2("[null, 2, 3, 4]", entry("Permute", "{\"name\": \"p\", \"dims\": [3, 1, 2]}"),
                entry("Flatten", "{\"name\": \"f\"}")).layers().get(0);
        assertArrayEquals(new int[] {3, 1, 2}, keras2.dims());
        Permute keras1 = (Permute) keras1(entry("Permute", "{\"name\": \"permute_1\", \"trainable\": true, "
                + "\"batch_input_shape\": [null, 3, 4], \"input_dtype\": \"float32\", \"dims\": [2, 1]}"),
                entry("Flatten", "{\"name\": \"flatten_1\", \"trainable\": true}")).layers().get(0);
        assertArrayEquals(new int[] {2, 1}, keras1.dims());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> keras2("[null, 3, 4]",
                entry("Permute", "{\"name\": \"p\", \"dims\": [2, 2]}")));
        assertTrue(bad.getMessage().contains("layer 1 (Permute)") && bad.getMessage().contains("dims=[2, 2]"),
                bad.getMessage());
    }

    @Test
    void trainsAndRoundTrips(@TempDir Path folder) {
        Sequential images = new Sequential(new Conv2D(3, 2, "tanh").inputShape(5, 4, 2), new Permute(3, 2, 1),
                new Conv2D(2, 2), new Flatten(), new Dense(1)).seed(5);
        ShapeLayerFixtures.trainsAndRoundTrips(images, input(1, 8, 5, 4, 2), input(2, 8, 1), folder);
        Sequential sequences = new Sequential(new Permute(2, 1).inputShape(4, 3), new SimpleRNN(2), new Dense(1))
                .seed(6);
        ShapeLayerFixtures.trainsAndRoundTrips(sequences, input(3, 8, 4, 3), input(4, 8, 1), folder);
    }
}
