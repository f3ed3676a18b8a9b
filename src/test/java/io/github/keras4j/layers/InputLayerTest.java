package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.keras4j.Sequential;
import org.junit.jupiter.api.Test;

class InputLayerTest {

    @Test
    void setsTheInputSizeAndIsNotAModelLayer() {
        Sequential model = new Sequential(new InputLayer(3), new Dense(2));
        assertEquals(1, model.layers().size());
        assertEquals(3, model.getWeights(0).get(0).rows());
    }

    @Test
    void mustComeFirst() {
        Sequential model = new Sequential(new Dense(2).inputDim(3));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.add(new InputLayer(2)));
        assertEquals("an InputLayer must be the first layer of the model; this model already has 1 layers",
                error.getMessage());
    }

    @Test
    void featuresSequencesAndImagesAreSupported() {
        assertEquals(2, new InputLayer(28, 28).declaredShape().rank());
        assertThrows(UnsupportedOperationException.class, () -> new InputLayer(2, 3, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> new InputLayer(0));
    }
}
