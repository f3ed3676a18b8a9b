/**
 * DL4J {@link org.deeplearning4j.nn.weights.IWeightInit} implementations that draw from exactly Keras's
 * distributions where DL4J's own weight initializers do not. Every random number comes from ND4J's global
 * RNG ({@link org.nd4j.linalg.factory.Nd4j#getRandom()}), so a DL4J configuration seed reproduces them.
 * Each class survives DL4J's JSON configuration round trip.
 */
package io.github.keras4j.initializers.dl4j;
