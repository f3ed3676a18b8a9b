package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SnakeCaseTest {

    @Test
    void namesAsKeras3sToSnakeCase() {
        assertEquals("dense", SnakeCase.of("Dense"));
        assertEquals("batch_normalization", SnakeCase.of("BatchNormalization"));
        assertEquals("leaky_re_lu", SnakeCase.of("LeakyReLU"));
        assertEquals("thresholded_re_lu", SnakeCase.of("ThresholdedReLU"));
        assertEquals("elu", SnakeCase.of("ELU"));
        assertEquals("p_re_lu", SnakeCase.of("PReLU"));
        assertEquals("max_pooling2d", SnakeCase.of("MaxPooling2D"));
        assertEquals("conv2d", SnakeCase.of("Conv2D"));
        // Optimizers, as Keras 3 names them (checked against Keras 3.15's auto_name).
        assertEquals("sgd", SnakeCase.of("SGD"));
        assertEquals("rm_sprop", SnakeCase.of("RMSprop"));
        assertEquals("adam", SnakeCase.of("Adam"));
    }
}
