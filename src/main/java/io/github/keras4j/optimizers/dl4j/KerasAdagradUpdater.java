package io.github.keras4j.optimizers.dl4j;

import io.github.keras4j.engine.step.CompiledUpdater;
import io.github.keras4j.engine.step.CustomKernel;
import io.github.keras4j.engine.step.Kernels;
import io.github.keras4j.engine.step.LegacyKernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.factory.Nd4j;

/** Applies {@link KerasAdagrad}'s rule: one native op per step. */
public final class KerasAdagradUpdater extends AbstractKerasGradientUpdater<KerasAdagrad> {

    /** The state's name: Keras's {@code accumulator} slot, here holding accumulator + epsilon. */
    public static final String ACCUMULATOR = "accumulator";

    private INDArray shiftedAccumulator;

    public KerasAdagradUpdater(KerasAdagrad config) {
        super(config, ACCUMULATOR);
    }

    @Override
    protected void useSlots(INDArray[] slots) {
        shiftedAccumulator = slots[0];
    }

    @Override
    protected double initialValue(String slotName) {
        return config.getInitialAccumulatorValue() + config.accumulatorOffset();
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        requireState();
        // ND4J's AdaGrad kernel with epsilon 0: state = state + g^2; step = lr * g / sqrt(state). With the state
        // holding accumulator + epsilon that is Keras's lr * g / sqrt(accumulator + epsilon).
        Nd4j.exec(new AdaGradUpdater(gradient, shiftedAccumulator, config.getLearningRate(iteration, epoch), 0.0));
    }

    @Override
    protected CompiledUpdater compile(INDArray gradient) {
        CustomKernel rule = CustomKernel.of(new AdaGradUpdater(gradient, shiftedAccumulator,
                config.getLearningRate(0, 0), 0.0));
        return (iteration, epoch) -> {
            rule.tArgument(0, config.getLearningRate(iteration, epoch));
            rule.run();
        };
    }
}
