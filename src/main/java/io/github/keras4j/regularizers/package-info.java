/**
 * Keras's weight regularizers ({@code keras.regularizers}, tf.keras 2.x): L1, L2 and L1L2 penalties with Keras's
 * defaults per name, turned into DL4J regularizations that compute Keras's penalty and gradient.
 */
package io.github.keras4j.regularizers;
