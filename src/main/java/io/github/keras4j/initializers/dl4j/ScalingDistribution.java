package io.github.keras4j.initializers.dl4j;

import java.util.ArrayList;
import java.util.List;

/** The distribution Keras's {@code VarianceScaling} draws from ({@code distribution} argument). */
public enum ScalingDistribution {
    /** Normal, redrawn beyond 2 standard deviations, widened so that the truncated result has the wanted variance. */
    TRUNCATED_NORMAL("truncated_normal"),
    /** Plain normal. */
    UNTRUNCATED_NORMAL("untruncated_normal"),
    /** Uniform on [-limit, limit) with limit = sqrt(3 * variance). */
    UNIFORM("uniform");

    private final String kerasName;

    ScalingDistribution(String kerasName) {
        this.kerasName = kerasName;
    }

    /** Keras's spelling, for example {@code "truncated_normal"}. */
    public String kerasName() {
        return kerasName;
    }

    /**
     * The constant Keras means by {@code name}: like Keras, case-insensitive, and {@code "normal"} (the Keras 1
     * spelling) is {@code truncated_normal}. The error lists the valid names.
     */
    public static ScalingDistribution fromKerasName(String name) {
        String lower = name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
        if ("normal".equals(lower)) {
            return TRUNCATED_NORMAL;
        }
        for (ScalingDistribution distribution : values()) {
            if (distribution.kerasName.equals(lower)) {
                return distribution;
            }
        }
        throw new IllegalArgumentException("distribution must be one of " + String.join(", ", kerasNames())
                + ", received: " + (name == null ? "null" : "'" + name + "'"));
    }

    /** Every Keras name, in Keras's documentation order. */
    public static List<String> kerasNames() {
        List<String> names = new ArrayList<>();
        for (ScalingDistribution distribution : values()) {
            names.add(distribution.kerasName);
        }
        return List.copyOf(names);
    }
}
