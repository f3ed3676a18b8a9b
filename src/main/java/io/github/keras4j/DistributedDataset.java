package io.github.keras4j;

import io.github.keras4j.engine.DistributionStrategy;

/**
 * Training data that lives on a cluster, which {@link Model#fit(DistributedDataset, Fit)} and
 * {@link Model#evaluate(DistributedDataset)} train on and score there: Keras's
 * {@code strategy.experimental_distribute_dataset(dataset)}, data bound to the strategy that trains on it. The model's
 * trainer runs the epoch loop and hands each epoch to it ({@link DistributionStrategy}).
 * {@code SparkTraining.distribute(rdd)} makes one (package {@code io.github.keras4j.spark}); this interface keeps
 * Spark's classes out of the model.
 */
public interface DistributedDataset extends DistributionStrategy {
}
