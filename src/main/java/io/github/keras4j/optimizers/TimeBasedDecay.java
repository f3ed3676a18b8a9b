package io.github.keras4j.optimizers;

/**
 * Keras 1/2's and tf.keras 2.0-2.10's time-based learning-rate {@code decay}, which every Keras optimizer but Nadam
 * had: {@code new SGD(0.1).decay(1e-4)} is standalone Keras's {@code SGD(lr=0.1, decay=1e-4)}. Keras 3 and tf.keras
 * 2.11+ dropped it in favour of schedules ({@code InverseTimeDecay}), which are read as it.
 *
 * @param <T> the optimizer class, which the setter returns
 */
public interface TimeBasedDecay<T extends FluentOptimizer<T>> {

    /**
     * A copy with this {@code decay}, &gt;= 0 (0 = off): the update after {@code t} updates uses
     * {@code learning_rate / (1 + decay * t)}, see {@link Optimizer#decay()}. Its {@link Optimizer#config()} is then
     * tf.keras 2.0-2.10's, which writes {@code decay}.
     */
    @SuppressWarnings("unchecked")
    default T decay(double decay) {
        // Only optimizer classes implement this (their description declares the decay), so this is one.
        return ((FluentOptimizer<T>) this).with(Hyperparameters.DECAY, decay);
    }
}
