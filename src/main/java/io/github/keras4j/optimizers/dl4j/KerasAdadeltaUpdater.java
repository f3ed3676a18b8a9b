package io.github.keras4j.optimizers.dl4j;

import io.github.keras4j.engine.step.CompiledUpdater;
import io.github.keras4j.engine.step.CustomKernel;
import io.github.keras4j.engine.step.Kernels;
import io.github.keras4j.engine.step.LegacyKernel;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaDeltaUpdater;
import org.nd4j.linalg.factory.Nd4j;

/** Applies {@link KerasAdadelta}'s rule: ND4J's AdaDelta kernel, then the learning rate (two native ops). */
public final class KerasAdadeltaUpdater extends AbstractKerasGradientUpdater<KerasAdadelta> {

    /** Keras's name of the running mean of g^2. */
    public static final String ACCUMULATED_GRAD = "accumulated_grad";
    /** Keras's name of the running mean of delta^2. */
    public static final String ACCUMULATED_DELTA_VAR = "accumulated_delta_var";

    private INDArray accumulatedGrad;
    private INDArray accumulatedDeltaVar;

    public KerasAdadeltaUpdater(KerasAdadelta config) {
        super(config, ACCUMULATED_GRAD, ACCUMULATED_DELTA_VAR);
    }

    @Override
    protected void useSlots(INDArray[] slots) {
        accumulatedGrad = slots[0];
        accumulatedDeltaVar = slots[1];
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        requireState();
        // ND4J's kernel computes Keras's accumulators and -delta (DL4J subtracts the step) without a learning rate.
        Nd4j.exec(new AdaDeltaUpdater(gradient, accumulatedGrad, accumulatedDeltaVar, config.getRho(),
                config.getEpsilon()));
        double learningRate = config.getLearningRate(iteration, epoch);
        if (learningRate != 1.0) {
            gradient.muli(learningRate);
        }
    }

    @Override
    protected CompiledUpdater compile(INDArray gradient) {
        CustomKernel rule = CustomKernel.of(new AdaDeltaUpdater(gradient, accumulatedGrad, accumulatedDeltaVar,
                config.getRho(), config.getEpsilon()));
        LegacyKernel scale = LegacyKernel.of(new ScalarMultiplication(gradient, null, gradient, 1.0));
        return (iteration, epoch) -> {
            rule.run();
            double learningRate = config.getLearningRate(iteration, epoch);
            if (learningRate != 1.0) {
                scale.scalar(learningRate);
                scale.run();
            }
        };
    }
}
