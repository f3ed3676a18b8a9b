package io.github.keras4j.optimizers.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code RMSprop} (tf.keras 2.11+) as a DL4J updater. ND4J's {@code RmsProp} adds epsilon outside the
 * square root, starts its average at epsilon and has neither momentum nor the centered variant; Keras:
 * <pre>
 * velocity = rho * velocity + (1 - rho) * g^2
 * average_gradient = rho * average_gradient + (1 - rho) * g                       (centered only)
 * denominator = velocity + epsilon        or, centered, velocity - average_gradient^2 + epsilon
 * increment = learning_rate * g / sqrt(denominator)
 * momentum = momentum * momentum + increment;  w = w - momentum               (momentum &gt; 0)
 * w = w - increment                                                           (momentum = 0)
 * </pre>
 * With {@code epsilonOutsideSqrt} (standalone Keras; tf.keras 2.0-2.10, whose momentum is then 0) the increment is
 * {@code learning_rate * g / (sqrt(velocity) + epsilon)}, centered {@code sqrt(velocity - average_gradient^2)}.
 * The state is {@code velocity}, then {@code momentum} if momentum &gt; 0, then {@code average_gradient} if
 * centered. Non-centered with epsilon inside, {@code velocity} holds Keras's velocity plus epsilon / rho, or epsilon
 * alone for rho = 0 (see {@link KerasRmsPropUpdater}).
 */
public final class KerasRmsProp extends AbstractKerasUpdater {

    private double rho;
    private double momentum;
    private double epsilon;
    private boolean centered;
    private boolean epsilonOutsideSqrt;

    /** Keras's RMSprop with epsilon inside the square root (tf.keras 2.11+, Keras 3). */
    public KerasRmsProp(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        this(learningRate, null, rho, momentum, epsilon, centered, false);
    }

    /** With {@code epsilonOutsideSqrt}, older Keras's RMSprop, whose momentum must be 0. */
    public KerasRmsProp(double learningRate, double rho, double momentum, double epsilon, boolean centered,
            boolean epsilonOutsideSqrt) {
        this(learningRate, null, rho, momentum, epsilon, centered, epsilonOutsideSqrt);
    }

    @JsonCreator
    private KerasRmsProp(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("rho") double rho,
            @JsonProperty("momentum") double momentum,
            @JsonProperty("epsilon") double epsilon,
            @JsonProperty("centered") boolean centered,
            @JsonProperty("epsilonOutsideSqrt") boolean epsilonOutsideSqrt) {
        super(learningRate, learningRateSchedule);
        if (epsilonOutsideSqrt && momentum > 0) {
            throw new IllegalArgumentException("KerasRmsProp with epsilon outside the square root takes no momentum, "
                    + "received: " + momentum);
        }
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
        this.epsilonOutsideSqrt = epsilonOutsideSqrt;
    }

    public double getRho() {
        return rho;
    }

    public double getMomentum() {
        return momentum;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public boolean isCentered() {
        return centered;
    }

    /**
     * What the velocity slot holds beyond Keras's velocity: {@code epsilon / rho} non-centered with epsilon inside
     * the root ({@link KerasRmsPropUpdater} keeps that offset so that ND4J's kernel computes Keras's denominator),
     * epsilon when rho is too small for the offset (the old velocity then no longer counts), else 0.
     */
    public double velocityOffset() {
        if (centered || epsilonOutsideSqrt) {
            return 0;
        }
        return rho < KerasRmsPropUpdater.MIN_OFFSET_RHO ? epsilon : epsilon / rho;
    }

    public boolean isEpsilonOutsideSqrt() {
        return epsilonOutsideSqrt;
    }

    /** Velocity, momentum if used, average gradient if centered. */
    @Override
    protected int slots() {
        return 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0);
    }

    @Override
    protected KerasRmsPropUpdater createGradientUpdater() {
        return new KerasRmsPropUpdater(this);
    }

    @Override
    public KerasRmsProp clone() {
        return new KerasRmsProp(getLearningRate(), copyOfSchedule(), rho, momentum, epsilon, centered,
                epsilonOutsideSqrt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasRmsProp that && sameLearningRate(that)
                && Double.compare(rho, that.rho) == 0
                && Double.compare(momentum, that.momentum) == 0
                && Double.compare(epsilon, that.epsilon) == 0
                && centered == that.centered
                && epsilonOutsideSqrt == that.epsilonOutsideSqrt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRateHash(), rho, momentum, epsilon, centered,
                epsilonOutsideSqrt);
    }

    @Override
    public String toString() {
        return "KerasRmsProp(learningRate=" + getLearningRate() + ", learningRateSchedule=" + getLearningRateSchedule()
                + ", rho=" + rho + ", momentum=" + momentum + ", epsilon=" + epsilon + ", centered=" + centered
                + ", epsilonOutsideSqrt=" + epsilonOutsideSqrt + ")";
    }
}
