package io.github.keras4j.optimizers.dl4j;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Adamax} as a DL4J updater. ND4J's {@code AdaMax} leaves out Keras's epsilon; this one has it:
 * <pre>
 * m = beta_1 * m + (1 - beta_1) * g
 * u = max(beta_2 * u, |g|)
 * w = w - learning_rate * m / ((1 - beta_1^t) * (u + epsilon))
 * </pre>
 * The state is Keras's {@code m} then {@code u}, starting at zero. ND4J's kernel adds 1e-32 to {@code u}, which
 * changes nothing beside an epsilon of 1e-7 (it only shows where Keras would divide 0 by 0 with epsilon = 0).
 */
public final class KerasAdamax extends AbstractAdaptiveMomentUpdater {

    public KerasAdamax(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, null, beta1, beta2, epsilon);
    }

    @JsonCreator
    private KerasAdamax(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
            @JsonProperty("beta1") double beta1,
            @JsonProperty("beta2") double beta2,
            @JsonProperty("epsilon") double epsilon) {
        super(learningRate, learningRateSchedule, beta1, beta2, epsilon);
    }

    @Override
    protected KerasAdamaxUpdater createGradientUpdater() {
        return new KerasAdamaxUpdater(this);
    }

    @Override
    public KerasAdamax clone() {
        return new KerasAdamax(getLearningRate(), copyOfSchedule(), getBeta1(), getBeta2(), getEpsilon());
    }
}
