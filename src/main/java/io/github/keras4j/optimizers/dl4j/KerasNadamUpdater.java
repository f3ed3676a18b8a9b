package io.github.keras4j.optimizers.dl4j;

import io.github.keras4j.engine.step.CompiledUpdater;
import io.github.keras4j.engine.step.CustomKernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.NadamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Applies {@link KerasNadam}'s rule in two native ops per step, using ND4J's Nesterovs and Nadam kernels with
 * re-parametrised arguments (derived in {@link #applyUpdater}).
 */
public final class KerasNadamUpdater extends AbstractKerasGradientUpdater<KerasNadam> {

    /** Keras's name of the first-moment slot. */
    public static final String M = "m";
    /** Keras's name of the second-moment slot. */
    public static final String V = "v";

    /** Keras's fixed base of the momentum schedule, {@code u_t = beta_1 * (1 - 0.5 * 0.96^(t * scheduleDecay))}. */
    private static final double MOMENTUM_SCHEDULE_BASE = 0.96;

    private INDArray m;
    private INDArray v;
    private INDArray scratch;
    // U_t = u_1 * ... * u_t for t = productStep, kept so that a step costs one multiplication, not t.
    private int productStep;
    private double product = 1.0;

    public KerasNadamUpdater(KerasNadam config) {
        super(config, M, V);
    }

    @Override
    protected void useSlots(INDArray[] slots) {
        m = slots[0];
        v = slots[1];
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        requireState();
        KernelArguments arguments = arguments(gradient, iteration, epoch);
        scratch = StateViews.scratchLike(scratch, gradient);
        // Op 1, m = beta_1 * m + (1 - beta_1) * g: ND4J's Nesterovs kernel updates its state as
        // state = momentum * state - lr * g, so momentum = beta_1 and lr = beta_1 - 1. Its step goes to scratch.
        Nd4j.exec(new NesterovsUpdater(gradient, m, scratch, m, config.getBeta1() - 1, config.getBeta1()));
        // Op 2: ND4J's Nadam kernel with the arguments derived in arguments().
        Nd4j.exec(new NadamUpdater(gradient, v, m, gradient, v, scratch, arguments.learningRate(), arguments.mix(),
                config.getBeta2(), arguments.epsilon(), 0));
    }

    @Override
    protected CompiledUpdater compile(INDArray gradient) {
        INDArray discarded = StateViews.scratchLike(null, gradient);
        CustomKernel firstMoment = CustomKernel.of(new NesterovsUpdater(gradient, m, discarded, m,
                config.getBeta1() - 1, config.getBeta1()));
        CustomKernel step = CustomKernel.of(new NadamUpdater(gradient, v, m, gradient, v, discarded, 0, 0,
                config.getBeta2(), 0, 0));
        return (iteration, epoch) -> {
            KernelArguments arguments = arguments(gradient, iteration, epoch);
            firstMoment.run();
            step.tArgument(0, arguments.learningRate());
            step.tArgument(1, arguments.mix());
            step.tArgument(3, arguments.epsilon());
            step.run();
        };
    }

    /** The Nadam kernel's learning rate, beta_1 (Keras's momentum mix) and epsilon that make its step Keras's. */
    private record KernelArguments(double learningRate, double mix, double epsilon) {
    }

    /**
     * The Nadam kernel, given m_t as its first moment, v as its second and (mix, beta_2), computes
     * <pre>
     *   v' = beta_2 * v + (1 - beta_2) * g^2                               (Keras's v_t, written back to v)
     *   m' = mix * m_t + (1 - mix) * g                                      (written to scratch, discarded)
     *   step = lr' * (mix * m' + (1 - mix) * g) / (1 - mix^(i+1)) / (sqrt(v') + eps')
     * </pre>
     * where mix * m' + (1 - mix) * g = mix^2 * m_t + (1 - mix^2) * g. With mix^2 = a / (a + b) that is
     * (a * m_t + b * g) / (a + b) = m_hat / (a + b), Keras's m_hat = a * m_t + b * g_t. Keras's step is
     * lr * m_hat / (sqrt(v_t / (1 - beta_2^t)) + eps) = lr * c * m_hat / (sqrt(v_t) + eps * c),
     * c = sqrt(1 - beta_2^t), so eps' = eps * c and, with i = 0, lr' = lr * c * (a + b) * (1 - mix). mix is rounded
     * as the kernel will round it (float for float32 parameters) so that lr' cancels the kernel's own (1 - mix).
     */
    private KernelArguments arguments(INDArray gradient, int iteration, int epoch) {
        double learningRate = config.getLearningRate(iteration, epoch);
        int t = iteration + 1;
        double uT = scheduledMomentum(t);
        double uNext = scheduledMomentum(t + 1);
        double productT = productThrough(t);
        double productNext = productT * uNext;
        double a = uNext / (1 - productNext);
        double b = (1 - uT) / (1 - productT);
        // The kernel computes v with beta_2 rounded to the parameters' type (as Keras, which casts beta_2 to the
        // variable's dtype); the bias correction must use the same rounded beta_2 for the two to cancel.
        double secondMomentCorrection = Math.sqrt(1 - Math.pow(StateViews.asKernelSees(gradient, config.getBeta2()),
                t));
        double mix = StateViews.asKernelSees(gradient, Math.sqrt(a / (a + b)));
        return new KernelArguments(learningRate * secondMomentCorrection * (a + b) * (1 - mix), mix,
                config.getEpsilon() * secondMomentCorrection);
    }

    /** Keras's {@code u_t = beta_1 * (1 - 0.5 * 0.96^(t * scheduleDecay))}. */
    private double scheduledMomentum(int t) {
        return config.getBeta1() * (1 - 0.5 * Math.pow(MOMENTUM_SCHEDULE_BASE, t * config.getScheduleDecay()));
    }

    /** {@code U_t = u_1 * ... * u_t}, extended by one factor per consecutive step, recomputed after a jump. */
    private double productThrough(int t) {
        if (t < productStep) {
            productStep = 0;
            product = 1.0;
        }
        while (productStep < t) {
            productStep++;
            product *= scheduledMomentum(productStep);
        }
        return product;
    }
}
