package io.github.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link Optimizer} whose fluent setters return its own class: {@code new SGD().momentum(0.9).learningRate(0.1)} is
 * an {@code SGD}. Each optimizer class extends it with itself ({@code SGD extends FluentOptimizer<SGD>}) and
 * describes its hyperparameters once; its setters are one line each, {@code with(key, value)}.
 *
 * @param <T> the optimizer class
 */
public abstract class FluentOptimizer<T extends FluentOptimizer<T>> extends Optimizer {

    private final Hyperparameters<T> hyperparameters;

    /** An optimizer with this learning rate and the description's other defaults. */
    FluentOptimizer(Hyperparameters<T> hyperparameters, double learningRate) {
        this(hyperparameters, hyperparameters.defaults(learningRate));
    }

    /** An optimizer with these values, checked by the description. */
    FluentOptimizer(Hyperparameters<T> hyperparameters, Map<String, Object> values) {
        super(hyperparameters, values);
        this.hyperparameters = hyperparameters;
    }

    /** A copy with this learning rate, &gt;= 0 (the decay, if any, still applies on top). */
    @Override
    public final T learningRate(double learningRate) {
        return with(Hyperparameters.LEARNING_RATE, learningRate);
    }

    /** A copy with hyperparameter {@code key} set, checked as the class's description says. */
    final T with(String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(values());
        changed.put(key, hyperparameters.check(key, value));
        return hyperparameters.create(changed);
    }
}
