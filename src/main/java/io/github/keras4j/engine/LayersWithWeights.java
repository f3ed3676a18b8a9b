package io.github.keras4j.engine;

import io.github.keras4j.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The layers of a model that have weights, in order: the ones a weights file fills by order, as Keras's
 * {@code load_weights} does (layers without weights, such as Dropout or Activation, are skipped on both sides).
 *
 * @param indices the layers' indices in {@code model.layers()}
 * @param names   their names
 */
public record LayersWithWeights(List<Integer> indices, List<String> names) {

    /** The layers of {@code model} that have weights. */
    public static LayersWithWeights of(Model model) {
        List<Integer> indices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            if (Dl4jTranslator.weightCount(model.layers().get(i)) > 0) {
                indices.add(i);
                names.add(model.layers().get(i).name());
            }
        }
        return new LayersWithWeights(List.copyOf(indices), List.copyOf(names));
    }

    /**
     * Checks that a file holds weights for as many layers as these.
     *
     * @throws IllegalArgumentException naming the file, its layers and the model's
     */
    public void requireSameCount(Object file, List<String> savedLayers) {
        if (indices.size() != savedLayers.size()) {
            throw new IllegalArgumentException(file + " holds weights for " + layers(savedLayers.size()) + " "
                    + savedLayers + " but the model has " + layers(indices.size()) + " with weights " + names);
        }
    }

    private static String layers(int count) {
        return count + (count == 1 ? " layer" : " layers");
    }
}
