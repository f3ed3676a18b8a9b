package io.github.keras4j.engine.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * An updater's part of a compiled step: DL4J's {@code GradientUpdater.applyUpdater} as kernels bound to the
 * updater's state (its views into the network's updater state) and to one block's gradient view.
 */
@FunctionalInterface
public interface UpdaterStep {

    /**
     * @param updater the block's gradient updater, holding its state views
     * @param gradient the block's gradient, a vector view of the network's flat gradient
     */
    CompiledUpdater compile(GradientUpdater<?> updater, INDArray gradient);
}
