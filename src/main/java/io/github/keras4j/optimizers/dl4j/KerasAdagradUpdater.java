package io.github.keras4j.optimizers.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** Applies {@link KerasAdagrad}'s rule: one native op per step. */
public final class KerasAdagradUpdater implements GradientUpdater<KerasAdagrad> {

    /** The state's name: Keras's {@code accumulator} slot, here holding accumulator + epsilon. */
    public static final String ACCUMULATOR = "accumulator";

    private final KerasAdagrad config;
    private INDArray shiftedAccumulator;

    public KerasAdagradUpdater(KerasAdagrad config) {
        this.config = config;
    }

    @Override
    public KerasAdagrad getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        StateViews.requireKeys(stateMap, ACCUMULATOR);
        shiftedAccumulator = stateMap.get(ACCUMULATOR);
        if (initialize) {
            shiftedAccumulator.assign(initialValue());
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Map.of(ACCUMULATOR, shiftedAccumulator);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(initialValue());
        }
        shiftedAccumulator = StateViews.split(viewArray, 1, gradientShape, gradientOrder)[0];
    }

    private double initialValue() {
        return config.getInitialAccumulatorValue() + config.getEpsilon();
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (shiftedAccumulator == null) {
            throw new IllegalStateException("updater state not set: call setStateViewArray or setState first");
        }
        // ND4J's AdaGrad kernel with epsilon 0: state = state + g^2; step = lr * g / sqrt(state). With the state
        // holding accumulator + epsilon that is Keras's lr * g / sqrt(accumulator + epsilon).
        Nd4j.exec(new AdaGradUpdater(gradient, shiftedAccumulator, config.getLearningRate(iteration, epoch), 0.0));
    }
}
