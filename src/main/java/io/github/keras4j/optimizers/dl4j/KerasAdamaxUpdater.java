package io.github.keras4j.optimizers.dl4j;

import io.github.keras4j.engine.step.CompiledUpdater;
import io.github.keras4j.engine.step.CustomKernel;
import io.github.keras4j.engine.step.Kernels;
import io.github.keras4j.engine.step.LegacyKernel;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.RDivOp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaMaxUpdater;
import org.nd4j.linalg.factory.Nd4j;

/** Applies {@link KerasAdamax}'s rule: four native ops per step. */
public final class KerasAdamaxUpdater extends AbstractKerasGradientUpdater<KerasAdamax> {

    /** Keras's name of the first-moment slot. */
    public static final String M = "m";
    /** Keras's name of the infinity-norm slot. */
    public static final String U = "u";

    private INDArray m;
    private INDArray u;

    public KerasAdamaxUpdater(KerasAdamax config) {
        super(config, M, U);
    }

    @Override
    protected void useSlots(INDArray[] slots) {
        m = slots[0];
        u = slots[1];
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        requireState();
        double learningRate = config.getLearningRate(iteration, epoch);
        double beta1 = config.getBeta1();
        double epsilon = config.getEpsilon();
        // ND4J's AdaMax kernel updates m and u exactly as Keras does; its step (without epsilon) is replaced below.
        Nd4j.exec(new AdaMaxUpdater(gradient, u, m, learningRate, beta1, config.getBeta2(), epsilon, iteration));
        u.add(epsilon, gradient);
        gradient.rdivi(m);
        gradient.muli(learningRate / (1 - Math.pow(beta1, iteration + 1)));
    }

    @Override
    protected CompiledUpdater compile(INDArray gradient) {
        double beta1 = config.getBeta1();
        double epsilon = config.getEpsilon();
        CustomKernel rule = CustomKernel.of(new AdaMaxUpdater(gradient, u, m, config.getLearningRate(0, 0), beta1,
                config.getBeta2(), epsilon, 0));
        LegacyKernel denominator = LegacyKernel.of(new ScalarAdd(u, null, gradient, epsilon));
        var ratio = Kernels.of(new RDivOp(gradient, m, gradient));
        LegacyKernel scale = LegacyKernel.of(new ScalarMultiplication(gradient, null, gradient, 1.0));
        return (iteration, epoch) -> {
            double learningRate = config.getLearningRate(iteration, epoch);
            rule.tArgument(0, learningRate);
            rule.iArgument(0, iteration);
            rule.run();
            denominator.run();
            ratio.run();
            scale.scalar(learningRate / (1 - Math.pow(beta1, iteration + 1)));
            scale.run();
        };
    }
}
