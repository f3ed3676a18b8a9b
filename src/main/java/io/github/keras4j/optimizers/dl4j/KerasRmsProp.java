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
 * The state is {@code velocity}, then {@code momentum} if momentum &gt; 0, then {@code average_gradient} if
 * centered. Non-centered, {@code velocity} holds Keras's velocity plus epsilon / rho, or epsilon alone for rho = 0
 * (see {@link KerasRmsPropUpdater}).
 */
public final class KerasRmsProp extends AbstractKerasUpdater {

    private double rho;
    private double momentum;
    private double epsilon;
    private boolean centered;

    public KerasRmsProp(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        this(learningRate, null, rho, momentum, epsilon, centered);
    }

    @JsonCreator
    private KerasRmsProp(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("rho") double rho,
            @JsonProperty("momentum") double momentum,
            @JsonProperty("epsilon") double epsilon,
            @JsonProperty("centered") boolean centered) {
        super(learningRate, learningRateSchedule);
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
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
        return new KerasRmsProp(getLearningRate(), copyOfSchedule(), rho, momentum, epsilon, centered);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasRmsProp that && sameLearningRate(that)
                && Double.compare(rho, that.rho) == 0
                && Double.compare(momentum, that.momentum) == 0
                && Double.compare(epsilon, that.epsilon) == 0
                && centered == that.centered;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRateHash(), rho, momentum, epsilon, centered);
    }

    @Override
    public String toString() {
        return "KerasRmsProp(learningRate=" + getLearningRate() + ", learningRateSchedule=" + getLearningRateSchedule()
                + ", rho=" + rho + ", momentum=" + momentum + ", epsilon=" + epsilon + ", centered=" + centered + ")";
    }
}
