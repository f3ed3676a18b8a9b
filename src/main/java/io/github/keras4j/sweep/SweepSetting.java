package io.github.keras4j.sweep;

import io.github.keras4j.internal.PythonRepr;

/**
 * One point of a {@link Sweep}'s grid: the network's shape and how it is trained. The network is
 * {@code hiddenLayers} x {@code Dense(units, activation)} then the sweep's output layer, compiled with
 * {@code optimizer} at {@code learningRate} and {@code loss} (Keras names).
 */
public record SweepSetting(int hiddenLayers, int units, String activation, String optimizer, double learningRate,
        String loss) {

    @Override
    public String toString() {
        return "hidden_layers=" + hiddenLayers + ", units=" + units + ", activation=" + activation + ", optimizer="
                + optimizer + ", learning_rate=" + PythonRepr.of(learningRate) + ", loss=" + loss;
    }
}
