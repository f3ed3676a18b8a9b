package io.github.keras4j.optimizers.dl4j;

import io.github.keras4j.engine.step.CompiledUpdater;
import io.github.keras4j.engine.step.CustomKernel;
import io.github.keras4j.engine.step.Kernels;
import io.github.keras4j.engine.step.LegacyKernel;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.factory.Nd4j;

/** Applies {@link KerasSgdMomentum}'s rule: two native ops per step. */
public final class KerasSgdMomentumUpdater extends AbstractKerasGradientUpdater<KerasSgdMomentum> {

    /** Keras's name of the velocity slot. */
    public static final String VELOCITY = "m";

    private INDArray velocity;

    public KerasSgdMomentumUpdater(KerasSgdMomentum config) {
        super(config, VELOCITY);
    }

    @Override
    protected void useSlots(INDArray[] slots) {
        velocity = slots[0];
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        requireState();
        double learningRate = config.getLearningRate(iteration, epoch);
        // ND4J's Nesterovs kernel first updates its state exactly as Keras updates the velocity,
        // v = momentum * v - lr * g; its own (Nesterov) step, written into gradient, is then replaced.
        Nd4j.exec(new NesterovsUpdater(gradient, velocity, learningRate, config.getMomentum()));
        // Keras adds the velocity; DL4J subtracts what we leave in gradient.
        velocity.mul(-1.0, gradient);
    }

    @Override
    protected CompiledUpdater compile(INDArray gradient) {
        CustomKernel rule = CustomKernel.of(new NesterovsUpdater(gradient, velocity, config.getLearningRate(0, 0),
                config.getMomentum()));
        LegacyKernel step = LegacyKernel.of(new ScalarMultiplication(velocity, null, gradient, -1.0));
        return (iteration, epoch) -> {
            rule.tArgument(0, config.getLearningRate(iteration, epoch));
            rule.run();
            step.run();
        };
    }
}
