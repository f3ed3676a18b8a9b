package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import io.github.keras4j.keras.ModelConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry of layer types: names, aliases, the errors for unknown names, and what the registry lists. */
class LayersTest {

    @Test
    void findsEachTypeByItsKerasClassName() {
        assertSame(Dense.TYPE, Layers.get("Dense"));
        assertSame(InputLayer.TYPE, Layers.get("InputLayer"));
        assertTrue(Layers.find("dense").isEmpty(), "Keras matches class names exactly");
        assertEquals(ModelConfig.SUPPORTED_LAYERS, Layers.classNames());
        Set<String> names = new HashSet<>();
        for (LayerType<?> type : Layers.types()) {
            assertTrue(names.add(type.className()), type.className());
            for (String alias : type.aliases()) {
                assertTrue(names.add(alias), alias);
            }
        }
    }

    @Test
    void unknownNamesListTheTypesAndSuggestOnlyARespelling() {
        IllegalArgumentException respelt = assertThrows(IllegalArgumentException.class,
                () -> Layers.get("batch_normalization"));
        assertTrue(respelt.getMessage().startsWith("unknown layer type 'batch_normalization'; did you mean "
                + "'BatchNormalization'? valid: Dense, Conv2D, "), respelt.getMessage());
        // Conv3D is another layer, not a misspelt Conv2D.
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> Layers.get("Conv3D"));
        assertTrue(other.getMessage().startsWith("unknown layer type 'Conv3D'; valid: Dense, "), other.getMessage());
    }

    @Test
    void aConfigWithAMisspeltClassNameGetsTheSuggestionToo() {
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"dense\", \"config\": {\"name\": \"d\", \"units\": 1,"
                + " \"batch_input_shape\": [null, 2]}}]}}";
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> Sequential.fromJson(json));
        assertEquals("unsupported layer type 'dense' at position 0; did you mean 'Dense'? supported: "
                + String.join(", ", Layers.classNames()), error.getMessage());
    }

    @Test
    void messagesListTheTypesTakingImages() {
        List<String> images = List.of(Layers.imageTypes().split(", "));
        assertTrue(images.containsAll(List.of("Conv2D", "Flatten", "Dropout", "Activation (not softmax)",
                "BatchNormalization", "ELU", "LeakyReLU", "ReLU", "ThresholdedReLU")), images.toString());
        assertTrue(!images.contains("Dense") && !images.contains("Softmax") && !images.contains("PReLU")
                && !images.contains("InputLayer"), images.toString());
        String first = Layers.firstOnImagesTypes();
        assertTrue(first.matches("Conv2D[\\w, ]* or \\w+") && first.contains("Flatten")
                && !List.of(first.split(", | or ")).contains("Dropout") && !first.contains("InputLayer"), first);
        UnsupportedOperationException softmax = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new Conv2D(1, 2).inputShape(3, 3, 1), new Activation("softmax"), new Flatten())
                        .predict(org.nd4j.linalg.factory.Nd4j.zeros(1, 3, 3, 1), 1, 0));
        assertEquals("layer activation (Activation) cannot take images (input of shape [2, 2, 1]); on images keras4j "
                + "supports " + Layers.imageTypes(), softmax.getMessage());
    }

    @Test
    void aLayerGivenInputItCannotTakeSaysSoBeforeItIsTranslated() {
        UnsupportedOperationException conv = assertThrows(UnsupportedOperationException.class,
                () -> new Sequential(new Dense(4).inputDim(3), new Conv2D(1, 2).name("conv"), new Flatten())
                        .predict(org.nd4j.linalg.factory.Nd4j.zeros(1, 3), 1, 0));
        assertEquals("Conv2D layer conv takes images of shape (height, width, channels), received input of shape "
                + "[4]", conv.getMessage());
    }
}
