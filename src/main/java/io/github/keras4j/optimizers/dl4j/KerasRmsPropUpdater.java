package io.github.keras4j.optimizers.dl4j;

import io.github.keras4j.engine.step.CompiledUpdater;
import io.github.keras4j.engine.step.CustomKernel;
import io.github.keras4j.engine.step.Kernel;
import io.github.keras4j.engine.step.Kernels;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSet;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.RSubOp;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Applies {@link KerasRmsProp}'s rule. Non-centered it takes two native ops per step (one with epsilon 0; one in
 * all with epsilon outside the square root), centered six; momentum adds two.
 *
 * <p>Non-centered, ND4J's RmsProp kernel adds its epsilon outside the square root. Run with epsilon 0 on a state
 * {@code T = velocity + epsilon / rho} it computes {@code rho * T + (1 - rho) * g^2 = velocity_t + epsilon}, exactly
 * Keras's denominator, and the step {@code lr * g / sqrt(velocity_t + epsilon)}; adding
 * {@code epsilon * (1 - rho) / rho} afterwards restores {@code T}'s offset. For rho below {@link #MIN_OFFSET_RHO}
 * (rho = 0 included) the old velocity no longer counts and the state just holds epsilon.
 *
 * <p>Centered, the velocity is kept exactly (an offset would cancel badly in {@code velocity - average^2}).
 *
 * <p>With epsilon outside the square root (older Keras) the velocity is kept exactly too, and ND4J's kernel, given
 * Keras's epsilon, computes the non-centered step in one op.
 */
public final class KerasRmsPropUpdater extends AbstractKerasGradientUpdater<KerasRmsProp> {

    /** Keras's name of the running mean of g^2 (non-centered: plus epsilon / rho). */
    public static final String VELOCITY = "velocity";
    /** Keras's name of the momentum slot. */
    public static final String MOMENTUM = "momentum";
    /** Keras's name of the running mean of g (centered only). */
    public static final String AVERAGE_GRADIENT = "average_gradient";

    /** Below this rho, rho * velocity is beneath float precision and epsilon / rho could overflow float32. */
    static final double MIN_OFFSET_RHO = 1e-30;

    private INDArray velocity;
    private INDArray momentum;
    private INDArray averageGradient;
    private INDArray scratch;

    public KerasRmsPropUpdater(KerasRmsProp config) {
        super(config, slotNames(config));
    }

    /** Velocity, then momentum if used, then the average gradient if centered, as {@link KerasRmsProp} lays out. */
    private static String[] slotNames(KerasRmsProp config) {
        List<String> names = new ArrayList<>(List.of(VELOCITY));
        if (config.getMomentum() > 0) {
            names.add(MOMENTUM);
        }
        if (config.isCentered()) {
            names.add(AVERAGE_GRADIENT);
        }
        return names.toArray(new String[0]);
    }

    private boolean usesMomentum() {
        return config.getMomentum() > 0;
    }

    private boolean memoryless() {
        return config.getRho() < MIN_OFFSET_RHO;
    }

    @Override
    protected void useSlots(INDArray[] slots) {
        int next = 0;
        velocity = slots[next++];
        momentum = usesMomentum() ? slots[next++] : null;
        averageGradient = config.isCentered() ? slots[next] : null;
    }

    /**
     * Non-centered with epsilon inside, the velocity slot starts at the offset epsilon / rho (epsilon alone when
     * memoryless).
     */
    @Override
    protected double initialValue(String slotName) {
        return slotName.equals(VELOCITY) ? config.velocityOffset() : 0;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        requireState();
        double learningRate = config.getLearningRate(iteration, epoch);
        if (config.isCentered()) {
            centeredIncrement(gradient, learningRate);
        } else if (config.isEpsilonOutsideSqrt()) {
            // velocity = rho * velocity + (1 - rho) * g^2, step lr * g / (sqrt(velocity) + epsilon): the kernel's rule.
            Nd4j.exec(new RmsPropUpdater(gradient, velocity, learningRate, config.getRho(), config.getEpsilon()));
        } else {
            increment(gradient, learningRate);
        }
        if (momentum != null) {
            // momentum = momentum_coefficient * momentum + increment; DL4J subtracts it, as Keras does.
            Nd4j.exec(new Axpy(momentum, gradient, momentum, config.getMomentum()));
            gradient.assign(momentum);
        }
    }

    /** gradient = lr * g / sqrt(velocity_t + epsilon). */
    private void increment(INDArray gradient, double learningRate) {
        double rho = config.getRho();
        double epsilon = config.getEpsilon();
        if (memoryless()) {
            // AdaGrad kernel, epsilon 0: state + g^2 = epsilon + g^2 and step lr * g / sqrt(epsilon + g^2).
            Nd4j.exec(new AdaGradUpdater(gradient, velocity, learningRate, 0.0));
            velocity.assign(epsilon);
            return;
        }
        Nd4j.exec(new RmsPropUpdater(gradient, velocity, learningRate, rho, 0.0));
        if (epsilon != 0 && rho != 1) {
            velocity.addi(epsilon * (1 - rho) / rho);
        }
    }

    /**
     * gradient = lr * g / sqrt(velocity_t - average_gradient_t^2 + epsilon), or with epsilon outside
     * lr * g / (sqrt(velocity_t - average_gradient_t^2) + epsilon).
     */
    private void centeredIncrement(INDArray gradient, double learningRate) {
        double rho = config.getRho();
        scratch = StateViews.scratchLike(scratch, gradient);
        // velocity = rho * velocity + (1 - rho) * g^2; the kernel's step goes to scratch, unused.
        Nd4j.exec(new RmsPropUpdater(gradient, velocity, scratch, velocity, 1.0, rho, 0.0));
        // average = rho * average + (1 - rho) * g: Nesterovs's state update, momentum * state - lr * g, with
        // momentum = rho and lr = rho - 1; its step goes to scratch, unused.
        Nd4j.exec(new NesterovsUpdater(gradient, averageGradient, scratch, averageGradient, rho - 1, rho));
        averageGradient.mul(averageGradient, scratch);
        scratch.rsubi(velocity);
        double outsideEpsilon = 0.0;
        if (config.isEpsilonOutsideSqrt()) {
            outsideEpsilon = config.getEpsilon();
        } else {
            scratch.addi(config.getEpsilon());
        }
        // RmsProp kernel with rho = 1 leaves its state (scratch) as it is and steps
        // lr * g / (sqrt(scratch) + outsideEpsilon).
        Nd4j.exec(new RmsPropUpdater(gradient, scratch, gradient, scratch, learningRate, 1.0, outsideEpsilon));
    }

    @Override
    protected CompiledUpdater compile(INDArray gradient) {
        double rho = config.getRho();
        double epsilon = config.getEpsilon();
        CustomKernel rule;
        Kernel afterRule = Kernel.NONE;
        Kernel beforeRule = Kernel.NONE;
        if (config.isCentered()) {
            INDArray work = StateViews.scratchLike(null, gradient);
            double outsideEpsilon = config.isEpsilonOutsideSqrt() ? epsilon : 0.0;
            beforeRule = Kernel.sequence(
                    Kernels.of(new RmsPropUpdater(gradient, velocity, work, velocity, 1.0, rho, 0.0)),
                    Kernels.of(new NesterovsUpdater(gradient, averageGradient, work, averageGradient, rho - 1, rho)),
                    Kernels.of(new MulOp(averageGradient, averageGradient, work)),
                    Kernels.of(new RSubOp(work, velocity, work)),
                    config.isEpsilonOutsideSqrt() ? Kernel.NONE : Kernels.of(new ScalarAdd(work, null, work, epsilon)));
            rule = CustomKernel.of(new RmsPropUpdater(gradient, work, gradient, work, 0.0, 1.0, outsideEpsilon));
        } else if (config.isEpsilonOutsideSqrt()) {
            rule = CustomKernel.of(new RmsPropUpdater(gradient, velocity, 0.0, rho, epsilon));
        } else if (memoryless()) {
            rule = CustomKernel.of(new AdaGradUpdater(gradient, velocity, 0.0, 0.0));
            afterRule = Kernels.of(new ScalarSet(velocity, null, velocity, epsilon));
        } else {
            rule = CustomKernel.of(new RmsPropUpdater(gradient, velocity, 0.0, rho, 0.0));
            if (epsilon != 0 && rho != 1) {
                afterRule = Kernels.of(new ScalarAdd(velocity, null, velocity, epsilon * (1 - rho) / rho));
            }
        }
        Kernel withMomentum = momentum == null ? Kernel.NONE : Kernel.sequence(
                Kernels.of(new Axpy(momentum, gradient, momentum, config.getMomentum())),
                Kernels.copy(momentum, gradient));
        Kernel before = beforeRule;
        Kernel after = Kernel.sequence(afterRule, withMomentum);
        return (iteration, epoch) -> {
            before.run();
            rule.tArgument(0, config.getLearningRate(iteration, epoch));
            rule.run();
            after.run();
        };
    }
}
