package io.github.keras4j.optimizers;

import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The optimizers a Keras user can name in {@code compile(optimizer="adam")}, as tf.keras 2.11+'s
 * {@code keras.optimizers.get}: the lower-case names, the class names ({@code "Adam"}, {@code "RMSprop"}) and
 * Keras's {@code "experimental..."} aliases. Like Keras (which lower-cases the name before looking up a built-in
 * optimizer), the lookup ignores case.
 * <pre>{@code Optimizer adam = Optimizers.get("adam");   // a new Adam with Keras's defaults}</pre>
 */
public enum Optimizers implements KerasNamed {
    SGD("sgd", List.of("SGD", "experimentalsgd"), io.github.keras4j.optimizers.SGD::new),
    ADAM("adam", List.of("Adam", "experimentaladam"), Adam::new),
    ADAMAX("adamax", List.of("Adamax"), Adamax::new),
    NADAM("nadam", List.of("Nadam"), Nadam::new),
    ADAGRAD("adagrad", List.of("Adagrad", "experimentaladagrad"), Adagrad::new),
    ADADELTA("adadelta", List.of("Adadelta", "experimentaladadelta"), Adadelta::new),
    RMSPROP("rmsprop", List.of("RMSprop"), RMSprop::new);

    /** Optimizers Keras knows by name that keras4j does not implement, by lower-case name. */
    private static final Map<String, String> NOT_IMPLEMENTED = Map.of("ftrl", "Ftrl");

    private final String kerasName;
    private final List<String> aliases;
    private final Supplier<Optimizer> factory;

    Optimizers(String kerasName, List<String> aliases, Supplier<Optimizer> factory) {
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

    /** A new optimizer of this kind with Keras's defaults. */
    public Optimizer create() {
        return factory.get();
    }

    /**
     * A new optimizer with Keras's defaults for a Keras name, as {@code keras.optimizers.get("adam")}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid names and the closest one
     * @throws UnsupportedOperationException for an optimizer Keras has but keras4j does not ({@code "ftrl"})
     */
    public static Optimizer get(String name) {
        return lookup(name).create();
    }

    /**
     * The optimizer a Keras config describes, {@code {"class_name": className, "config": config}}, as
     * {@code keras.optimizers.deserialize}; the inverse of {@link Optimizer#config()}.
     *
     * @throws IllegalArgumentException for an unknown class or key, or a value of the wrong type
     * @throws UnsupportedOperationException for an option keras4j does not implement (clipping, weight decay, EMA,
     *     learning-rate schedules) when the config turns it on
     */
    public static Optimizer fromConfig(String className, Map<String, ?> config) {
        return OptimizerConfigs.read(lookup(className), config);
    }

    /** The registry constant for a Keras optimizer name, ignoring case as Keras does. */
    public static Optimizers lookup(String name) {
        if (name != null) {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Optimizers> entry : Registry.namesOf(Optimizers.class).entrySet()) {
                if (entry.getKey().toLowerCase(Locale.ROOT).equals(lowerCase)) {
                    return entry.getValue();
                }
            }
            String missing = NOT_IMPLEMENTED.get(lowerCase);
            if (missing != null) {
                throw new UnsupportedOperationException("Keras's " + missing + " optimizer is not implemented in keras4j;"
                        + " available: " + String.join(", ", Registry.canonicalNames(Optimizers.class)));
            }
        }
        throw Registry.unknown("optimizer", name, Registry.namesOf(Optimizers.class).keySet());
    }
}
