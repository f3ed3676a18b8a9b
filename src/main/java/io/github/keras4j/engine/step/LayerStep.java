package io.github.keras4j.engine.step;

/**
 * A layer type's compiled forward and backward pass: builds the kernels of one layer of that type for one batch
 * size, computing exactly what DL4J's layer computes.
 */
public interface LayerStep {

    /**
     * The compiled layer.
     *
     * @throws UnsupportedOperationException when this layer's configuration has no compiled form (the step then
     *     falls back to DL4J's fit)
     */
    CompiledLayer compile(LayerSetup setup);
}
