package io.github.keras4j.regularizers;

import io.github.keras4j.internal.ConfigReader;
import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keras's {@code keras.regularizers}: {@link #l1(double)}, {@link #l2(double)}, {@link #l1L2(double, double)}
 * and the names {@link #get(String)} accepts. Defaults, as tf.keras 2.x: {@code "l1"} / {@code "L1"} is
 * L1(0.01), {@code "l2"} / {@code "L2"} is L2(0.01), {@code "l1_l2"} is L1L2(0.01, 0.01), while the class name
 * {@code "L1L2"} has Keras's constructor defaults L1L2(0, 0), a penalty of nothing.
 */
public final class Regularizers {

    /** Keras's default factor of {@code L1()}, {@code L2()} and of the name {@code "l1_l2"}. */
    public static final double DEFAULT_FACTOR = 0.01;

    private static final String CONCEPT = "regularizer";

    private Regularizers() {
    }

    /** Keras's {@code regularizers.L1(l1)}: penalty {@code l1 * sum(|w|)}. */
    public static Regularizer l1(double l1) {
        return new Regularizer("L1", l1, 0.0);
    }

    /** Keras's {@code regularizers.L2(l2)}: penalty {@code l2 * sum(w^2)}. */
    public static Regularizer l2(double l2) {
        return new Regularizer("L2", 0.0, l2);
    }

    /** Keras's {@code regularizers.L1L2(l1, l2)} ({@code l1_l2}): penalty {@code l1 * sum(|w|) + l2 * sum(w^2)}. */
    public static Regularizer l1L2(double l1, double l2) {
        return new Regularizer("L1L2", l1, l2);
    }

    /**
     * The regularizer Keras means by {@code name}, with Keras's defaults for that name (see the class comment).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones and the closest
     * @throws UnsupportedOperationException for Keras's orthogonal_regularizer, which is not implemented
     */
    public static Regularizer get(String name) {
        return Registry.lookup(Name.class, CONCEPT, name).create();
    }

    /**
     * The regularizer a Keras config describes, {@code {"class_name": className, "config": config}}
     * ({@code keras.regularizers.deserialize}): absent keys take the defaults of Keras's constructor for that
     * class; {@code L1} and {@code L2} also read Keras's old key {@code "l"}; null means the default, as in Keras.
     */
    public static Regularizer fromConfig(String className, Map<String, ?> config) {
        return fromConfig(className, ConfigReader.arguments(config, CONCEPT + " " + className));
    }

    /** {@link #fromConfig(String, Map)} from a reader that knows the config's place (a layer's regularizer in a file). */
    public static Regularizer fromConfig(String className, ConfigReader config) {
        return Registry.lookup(Name.class, CONCEPT, className).fromConfig(config);
    }

    /** The names Keras accepts for a regularizer, each with the defaults Keras gives it. */
    public enum Name implements KerasNamed {
        /** {@code "l1"}, {@code "L1"}: L1(l1=0.01). */
        L1("l1", List.of("L1"), config -> l1(factor(config, DEFAULT_FACTOR, DEFAULT_FACTOR, "l", "l1"))),
        /** {@code "l2"}, {@code "L2"}: L2(l2=0.01). */
        L2("l2", List.of("L2"), config -> l2(factor(config, DEFAULT_FACTOR, DEFAULT_FACTOR, "l", "l2"))),
        /** {@code "l1_l2"}: Keras's function {@code l1_l2(l1=0.01, l2=0.01)}. */
        L1_L2("l1_l2", List.of(), config -> l1L2(factor(config, DEFAULT_FACTOR, 0.0, "l1"),
                factor(config, DEFAULT_FACTOR, 0.0, "l2"))),
        /** {@code "L1L2"}: the class, whose constructor defaults are l1=0, l2=0. */
        L1L2_CLASS("L1L2", List.of(),
                config -> l1L2(factor(config, 0.0, 0.0, "l1"), factor(config, 0.0, 0.0, "l2"))),
        /** {@code "orthogonal_regularizer"}, {@code "OrthogonalRegularizer"}: known to Keras, not implemented here. */
        ORTHOGONAL_REGULARIZER("orthogonal_regularizer", List.of("OrthogonalRegularizer"), config -> {
            throw new UnsupportedOperationException("Keras's OrthogonalRegularizer is not supported by keras4j;"
                    + " use l1, l2 or l1_l2");
        });

        private final String kerasName;
        private final List<String> aliases;
        private final Function<ConfigReader, Regularizer> factory;

        Name(String kerasName, List<String> aliases, Function<ConfigReader, Regularizer> factory) {
            this.kerasName = kerasName;
            this.aliases = aliases;
            this.factory = factory;
        }

        @Override
        public String kerasName() {
            return kerasName;
        }

        @Override
        public List<String> aliases() {
            return aliases;
        }

        /** A new regularizer with the defaults Keras gives this name. */
        public Regularizer create() {
            return factory.apply(ConfigReader.arguments(Map.of(), CONCEPT + " " + kerasName));
        }

        Regularizer fromConfig(ConfigReader config) {
            config.requireKnown(switch (this) {
                case L1 -> List.of("l1", "l");
                case L2 -> List.of("l2", "l");
                case L1_L2, L1L2_CLASS -> List.of("l1", "l2");
                case ORTHOGONAL_REGULARIZER -> List.of("factor", "mode");
            });
            return factory.apply(config);
        }
    }

    /**
     * The value under the first of {@code keys} that {@code config} has (Keras's L1 and L2 let the old key "l"
     * override the new one); {@code absentDefault} when none is there, {@code nullDefault} for null (Keras's None:
     * 0.01 in L1 and L2, 0 in L1L2 and l1_l2).
     */
    private static double factor(ConfigReader config, double absentDefault, double nullDefault, String... keys) {
        for (String key : keys) {
            if (config.has(key)) {
                Double value = config.numberOrNull(key);
                return value == null ? nullDefault : value;
            }
        }
        return absentDefault;
    }
}
