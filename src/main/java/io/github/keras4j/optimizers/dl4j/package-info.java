/**
 * DL4J updaters ({@link org.nd4j.linalg.learning.config.IUpdater} configurations and their
 * {@link org.nd4j.linalg.learning.GradientUpdater}s) that apply the update rules of tf.keras 2.11+'s optimizers where
 * ND4J's own updaters compute something else.
 *
 * <p>DL4J's contract: {@code applyUpdater(gradient, iteration, epoch)} replaces {@code gradient} in place by the step
 * that DL4J then subtracts from the parameters; {@code iteration} counts from 0, so Keras's step {@code t} is
 * {@code iteration + 1}; the state lives in the view array DL4J hands to {@code setStateViewArray}.
 *
 * <p>Every ND4J op costs about 10-15 microseconds of fixed overhead on small arrays, so each step is built from as few
 * native ops as possible, mostly ND4J's fused updater kernels fed with re-parametrised arguments. Each such use is
 * derived in a comment next to the call, and the tests check every rule against Keras's formula in plain Java.
 */
package io.github.keras4j.optimizers.dl4j;
