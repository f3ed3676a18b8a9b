package io.github.keras4j;

import io.github.keras4j.engine.Trainer;

/**
 * Training data that lives on a cluster, which {@link Sequential#fit(DistributedDataset, Fit)} and
 * {@link Sequential#evaluate(DistributedDataset)} train on and score there: Keras's
 * {@code strategy.experimental_distribute_dataset(dataset)}. {@code SparkTraining.distribute(rdd)} makes one
 * (package {@code io.github.keras4j.spark}); this interface keeps Spark's classes out of {@code Sequential}.
 */
public interface DistributedDataset {

    /** Trains {@code model} (whose loop is {@code trainer}) on this data, as {@code model.fit} does. */
    History fit(Model model, Trainer trainer, Fit options);

    /** The loss and every metric over this data, in {@code model.metricsNames()} order. */
    double[] evaluate(Model model, Trainer trainer);
}
