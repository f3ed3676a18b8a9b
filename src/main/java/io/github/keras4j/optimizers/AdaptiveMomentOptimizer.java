package io.github.keras4j.optimizers;

import io.github.keras4j.optimizers.Hyperparameters.Range;
import java.util.Map;
import java.util.function.Function;

/**
 * What Keras's {@link Adam}, {@link Adamax} and {@link Nadam} share: a learning rate, the decay rates {@code beta_1}
 * and {@code beta_2} of their first- and second-moment estimates, and the fuzz factor {@code epsilon}, with the same
 * defaults (tf.keras 2.11+ declares the same four in each of the three classes) and the same checks. Each subclass
 * brings its update rule and DL4J updater; Adam adds {@code amsgrad}.
 *
 * <p>The fluent setters return the subclass: {@code new Nadam(0.002).beta1(0.95)} is a {@code Nadam}.
 *
 * @param <T> the optimizer itself, the type the fluent setters return
 */
public abstract sealed class AdaptiveMomentOptimizer<T extends AdaptiveMomentOptimizer<T>> extends FluentOptimizer<T>
        permits Adam, Adamax, Nadam {

    /** Keras's default {@code learning_rate}: 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default {@code beta_1}: 0.9. */
    public static final double DEFAULT_BETA_1 = 0.9;
    /** Keras's default {@code beta_2}: 0.999. */
    public static final double DEFAULT_BETA_2 = 0.999;
    /** Keras's default {@code epsilon}: 1e-7. */
    public static final double DEFAULT_EPSILON = 1e-7;

    AdaptiveMomentOptimizer(Hyperparameters<T> hyperparameters, double learningRate) {
        super(hyperparameters, learningRate);
    }

    AdaptiveMomentOptimizer(Hyperparameters<T> hyperparameters, Map<String, Object> values) {
        super(hyperparameters, values);
    }

    /** The hyperparameters the three classes share, in Keras's order; each class adds its own after them. */
    static <T extends AdaptiveMomentOptimizer<T>> Hyperparameters<T> adaptiveMoment(String className,
            Function<Map<String, Object>, T> factory) {
        return Hyperparameters.of(className, DEFAULT_LEARNING_RATE, factory)
                .number("beta_1", DEFAULT_BETA_1, Range.BELOW_ONE)
                .number("beta_2", DEFAULT_BETA_2, Range.BELOW_ONE)
                .number("epsilon", DEFAULT_EPSILON, Range.AT_LEAST_ZERO);
    }

    /** The decay rate of the first moment, in [0, 1); default 0.9. */
    public final double beta1() {
        return number("beta_1");
    }

    /** A copy with this {@code beta_1}, in [0, 1). */
    public final T beta1(double beta1) {
        return with("beta_1", beta1);
    }

    /** The decay rate of the second moment (Adamax: of the infinity norm), in [0, 1); default 0.999. */
    public final double beta2() {
        return number("beta_2");
    }

    /** A copy with this {@code beta_2}, in [0, 1). */
    public final T beta2(double beta2) {
        return with("beta_2", beta2);
    }

    /** The fuzz factor added to the step's denominator, &gt;= 0; default 1e-7. */
    public final double epsilon() {
        return number("epsilon");
    }

    /** A copy with this {@code epsilon}, &gt;= 0. */
    public final T epsilon(double epsilon) {
        return with("epsilon", epsilon);
    }
}
