package io.github.keras4j.engine;

import io.github.keras4j.Fit;
import io.github.keras4j.Model;

/**
 * Training that runs somewhere else than the trainer's thread, as Keras's {@code tf.distribute.Strategy} plugs into
 * {@code fit}: the {@link Trainer} runs the epoch loop (callbacks, History, validation on arrays, stop_training, the
 * epoch count) and hands each epoch to the strategy, which trains it on its workers and returns the epoch's loss and
 * metrics. The Spark data of {@code io.github.keras4j.spark} implements it; this interface keeps Spark's classes out
 * of the model and the engine.
 */
public interface DistributionStrategy {

    /**
     * Prepares one fit of {@code model} on this data: checks the data with {@code checks} (the errors {@code fit} gives
     * for arrays), refuses what the strategy cannot do with {@code options}, and sets up its workers.
     */
    DistributedFit startFit(Model model, InputChecks checks, Fit options);

    /** The loss and every metric over this data with the model's current weights, in {@code metricsNames()} order. */
    double[] evaluate(Model model, InputChecks checks);

    /** One fit in progress on a strategy's workers. */
    interface DistributedFit extends AutoCloseable {

        /** The batches of one epoch (the progress bar's length). */
        int steps();

        /**
         * Trains one epoch and returns its loss and metrics, with the {@code val_} ones of validation data the strategy
         * holds itself. Whatever epoch count the workers leave on the network, the trainer counts the epoch itself.
         */
        java.util.Map<String, Double> trainEpoch(int epoch);

        /** Ends the fit on the workers (temporary files deleted); called once, also when training failed. */
        @Override
        void close();
    }
}
