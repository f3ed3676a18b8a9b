package io.github.keras4j.engine.step;

/**
 * A layer's compiled forward and backward pass ({@code layers.Layer#compile}): builds the kernels of the layer for
 * one batch size, computing exactly what DL4J's layer computes.
 */
@FunctionalInterface
public interface LayerStep {

    /**
     * The compiled layer.
     *
     * @throws UnsupportedOperationException when this layer's configuration has no compiled form (the step then
     *     falls back to DL4J's fit)
     */
    CompiledLayer compile(LayerSetup setup);
}
