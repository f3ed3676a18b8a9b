package io.github.keras4j.optimizers.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Applies {@link KerasRmsProp}'s rule. Non-centered it takes two native ops per step (one with epsilon 0), centered
 * six; momentum adds two.
 *
 * <p>Non-centered, ND4J's RmsProp kernel adds its epsilon outside the square root. Run with epsilon 0 on a state
 * {@code T = velocity + epsilon / rho} it computes {@code rho * T + (1 - rho) * g^2 = velocity_t + epsilon}, exactly
 * Keras's denominator, and the step {@code lr * g / sqrt(velocity_t + epsilon)}; adding
 * {@code epsilon * (1 - rho) / rho} afterwards restores {@code T}'s offset. For rho below {@link #MIN_OFFSET_RHO}
 * (rho = 0 included) the old velocity no longer counts and the state just holds epsilon.
 *
 * <p>Centered, the velocity is kept exactly (an offset would cancel badly in {@code velocity - average^2}).
 */
public final class KerasRmsPropUpdater implements GradientUpdater<KerasRmsProp> {

    /** Keras's name of the running mean of g^2 (non-centered: plus epsilon / rho). */
    public static final String VELOCITY = "velocity";
    /** Keras's name of the momentum slot. */
    public static final String MOMENTUM = "momentum";
    /** Keras's name of the running mean of g (centered only). */
    public static final String AVERAGE_GRADIENT = "average_gradient";

    /** Below this rho, rho * velocity is beneath float precision and epsilon / rho could overflow float32. */
    static final double MIN_OFFSET_RHO = 1e-30;

    private final KerasRmsProp config;
    private INDArray velocity;
    private INDArray momentum;
    private INDArray averageGradient;
    private INDArray scratch;

    public KerasRmsPropUpdater(KerasRmsProp config) {
        this.config = config;
    }

    @Override
    public KerasRmsProp getConfig() {
        return config;
    }

    private boolean usesMomentum() {
        return config.getMomentum() > 0;
    }

    private boolean memoryless() {
        return config.getRho() < MIN_OFFSET_RHO;
    }

    /** What the velocity slot holds before the first step. */
    private double initialVelocity() {
        if (config.isCentered()) {
            return 0;
        }
        return memoryless() ? config.getEpsilon() : config.getEpsilon() / config.getRho();
    }

    private List<String> slotNames() {
        List<String> names = new ArrayList<>(List.of(VELOCITY));
        if (usesMomentum()) {
            names.add(MOMENTUM);
        }
        if (config.isCentered()) {
            names.add(AVERAGE_GRADIENT);
        }
        return names;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        StateViews.requireKeys(stateMap, slotNames().toArray(new String[0]));
        velocity = stateMap.get(VELOCITY);
        momentum = stateMap.get(MOMENTUM);
        averageGradient = stateMap.get(AVERAGE_GRADIENT);
        if (initialize) {
            initialize();
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> state = new HashMap<>();
        state.put(VELOCITY, velocity);
        if (momentum != null) {
            state.put(MOMENTUM, momentum);
        }
        if (averageGradient != null) {
            state.put(AVERAGE_GRADIENT, averageGradient);
        }
        return state;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        INDArray[] views = StateViews.split(viewArray, config.slots(), gradientShape, gradientOrder);
        int next = 0;
        velocity = views[next++];
        momentum = usesMomentum() ? views[next++] : null;
        averageGradient = config.isCentered() ? views[next] : null;
        if (initialize) {
            initialize();
        }
    }

    private void initialize() {
        velocity.assign(initialVelocity());
        if (momentum != null) {
            momentum.assign(0);
        }
        if (averageGradient != null) {
            averageGradient.assign(0);
        }
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (velocity == null) {
            throw new IllegalStateException("updater state not set: call setStateViewArray or setState first");
        }
        double learningRate = config.getLearningRate(iteration, epoch);
        if (config.isCentered()) {
            centeredIncrement(gradient, learningRate);
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

    /** gradient = lr * g / sqrt(velocity_t - average_gradient_t^2 + epsilon). */
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
        scratch.addi(config.getEpsilon());
        // RmsProp kernel with rho = 1 and epsilon 0 leaves its state (scratch) as it is and steps
        // lr * g / sqrt(scratch).
        Nd4j.exec(new RmsPropUpdater(gradient, scratch, gradient, scratch, learningRate, 1.0, 0.0));
    }
}
