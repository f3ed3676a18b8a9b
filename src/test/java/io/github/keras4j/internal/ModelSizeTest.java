package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.MaxPooling2D;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model size computed from the layers' own counts, before any weight exists. */
class ModelSizeTest {

    @Test
    void sumsEachLayersOwnCountAsKerasSummaryDoes() {
        List<Layer> layers = List.of(new Conv2D(8, 3).name("conv"), new MaxPooling2D(2).name("pool"),
                new Flatten().name("flat"), new BatchNormalization().name("bn"), new Dense(10).name("out"));
        // Keras: Conv2D 3*3*1*8+8 = 80, BatchNormalization 4*200 = 800, Dense 200*10+10 = 2010.
        assertEquals(80 + 800 + 2010, ModelSize.parameters(layers, new long[] {12, 12, 1}, "model 'm'"));
    }

    @Test
    void aCountBeyondLongNamesTheLayer() {
        Conv2D huge = new Conv2D(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE).padding("same").name("c");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelSize.parameters(List.of(huge), new long[] {4, 4, 3}, "model.json"));
        assertEquals("model.json: layer 'c' (Conv2D) would have more than 2^63 parameters", error.getMessage());
        assertThrows(ArithmeticException.class, () -> new Dense(Integer.MAX_VALUE).countParams(Long.MAX_VALUE / 2));
    }

    @Test
    void aModelTheJvmCannotHoldIsRefusedNamingItsLargestLayer() {
        List<Layer> layers = List.of(new Dense(Integer.MAX_VALUE - 8).name("wide"), new Dense(1).name("out"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelSize.requireFits(layers, new long[] {2}, "model 'm'"));
        assertTrue(error.getMessage().startsWith("model 'm': the model has 8,589,934,557 parameters (layer 'wide' "
                + "(Dense) alone has 6,442,450,917); training it needs about "), error.getMessage());
    }
}
