package io.github.keras4j.optimizers;

import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * An optimizer as {@code model.compile(optimizer=...)} takes it (Keras's {@code keras.optimizers.Optimizer}).
 * Subclasses are immutable: fluent setters return a new instance.
 */
public abstract class Optimizer {

    /** Keras's class name, for example {@code "Adam"}. */
    public abstract String className();

    /** The learning rate. */
    public abstract double learningRate();

    /** A copy of this optimizer with another learning rate. */
    public abstract Optimizer learningRate(double learningRate);

    /** The hyperparameters under Keras's config keys ({@code learning_rate}, {@code beta_1}...). */
    public abstract Map<String, Object> config();

    /** A DL4J updater that applies Keras's update rule with these hyperparameters. */
    public abstract IUpdater toDl4j();

    @Override
    public String toString() {
        return className() + config();
    }
}
