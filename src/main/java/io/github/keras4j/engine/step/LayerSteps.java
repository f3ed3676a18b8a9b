package io.github.keras4j.engine.step;

import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Layer;
import java.util.Map;

/**
 * The compiled forward and backward pass of each Keras layer type, found by the layer's class. (Until the layers'
 * per-type protocol carries them, this is the one table of them.)
 */
public final class LayerSteps {

    private static final Map<Class<? extends Layer>, LayerStep> STEPS = Map.of(
            Dense.class, new DenseStep());

    private LayerSteps() {
    }

    /**
     * The compiled form of {@code layer}'s type.
     *
     * @throws UnsupportedOperationException for a layer type without one
     */
    public static LayerStep of(Layer layer) {
        LayerStep step = STEPS.get(layer.getClass());
        if (step == null) {
            throw new UnsupportedOperationException("layer " + layer + " has no compiled step");
        }
        return step;
    }
}
