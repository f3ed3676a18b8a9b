/**
 * Keras's weight initializers ({@code keras.initializers}, tf.keras 2.x): one immutable class per Keras class,
 * with Keras's defaults and config keys, and the {@link io.github.keras4j.initializers.Initializers} registry of
 * Keras's names and aliases. Each initializer's {@code toDl4j()} is a DL4J weight initializer that draws from
 * exactly Keras's distribution: DL4J's own where it does, ours in {@code initializers.dl4j} otherwise.
 */
package io.github.keras4j.initializers;
