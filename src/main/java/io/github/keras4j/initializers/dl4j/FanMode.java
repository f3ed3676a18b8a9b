package io.github.keras4j.initializers.dl4j;

import java.util.ArrayList;
import java.util.List;

/** Which fan Keras's {@code VarianceScaling} divides its scale by ({@code mode} argument). */
public enum FanMode {
    /** The number of input units. */
    FAN_IN("fan_in"),
    /** The number of output units. */
    FAN_OUT("fan_out"),
    /** The mean of the numbers of input and output units. */
    FAN_AVG("fan_avg");

    private final String kerasName;

    FanMode(String kerasName) {
        this.kerasName = kerasName;
    }

    /** Keras's spelling, for example {@code "fan_avg"}. */
    public String kerasName() {
        return kerasName;
    }

    /** The divisor Keras uses: the chosen fan, at least 1 ({@code max(1.0, n)} in Keras). */
    public double divisor(double fanIn, double fanOut) {
        double n = switch (this) {
            case FAN_IN -> fanIn;
            case FAN_OUT -> fanOut;
            case FAN_AVG -> (fanIn + fanOut) / 2.0;
        };
        return Math.max(1.0, n);
    }

    /** The constant with Keras name {@code name}; the error lists the valid names. */
    public static FanMode fromKerasName(String name) {
        for (FanMode mode : values()) {
            if (mode.kerasName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be one of " + String.join(", ", kerasNames())
                + ", received: " + (name == null ? "null" : "'" + name + "'"));
    }

    /** Every Keras name, in Keras's documentation order. */
    public static List<String> kerasNames() {
        List<String> names = new ArrayList<>();
        for (FanMode mode : values()) {
            names.add(mode.kerasName);
        }
        return List.copyOf(names);
    }
}
