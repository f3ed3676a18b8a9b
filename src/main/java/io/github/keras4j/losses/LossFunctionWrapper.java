package io.github.keras4j.losses;

import io.github.keras4j.internal.PythonRepr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Keras loss object with its arguments, as Keras's loss classes ({@code keras.losses.Huber(delta=2.0)}) are built on
 * {@code keras.losses.LossFunctionWrapper}: {@link Huber}, {@link BinaryCrossentropy}, {@link MeanSquaredError}...
 * Immutable: the fluent setters return a changed copy. Every class takes Keras's {@code name} (default the class's
 * Keras name, which only configs and messages show; logs call the loss {@code loss}) and {@code reduction} (default
 * {@link Reduction#SUM_OVER_BATCH_SIZE}). The lower-case names ({@code "huber"}, {@link Losses#HUBER}) stay as
 * shortcuts for the objects with Keras's defaults.
 *
 * @param <T> the concrete loss class, which the setters return
 */
public abstract class LossFunctionWrapper<T extends LossFunctionWrapper<T>> implements Loss {

    private final LossArguments arguments;
    private final String name;
    private final Reduction reduction;
    private final Map<String, Object> values;

    LossFunctionWrapper(LossArguments arguments) {
        this(arguments, arguments.defaultName(), Reduction.SUM_OVER_BATCH_SIZE, arguments.defaults());
    }

    LossFunctionWrapper(LossArguments arguments, String name, Reduction reduction, Map<String, Object> values) {
        this.arguments = arguments;
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(arguments.className() + ": name must be a non-empty string, received: "
                    + PythonRepr.of(name));
        }
        this.name = name;
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A copy of this loss with these settings (the subclass's private constructor). */
    abstract T copy(String name, Reduction reduction, Map<String, Object> values);

    /** A copy with argument {@code key} set, checked as the class's description says. */
    final T with(String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put(key, arguments.check(key, value));
        return copy(name, reduction, changed);
    }

    final boolean flag(String key) {
        return (Boolean) values.get(key);
    }

    final double number(String key) {
        return (Double) values.get(key);
    }

    /** A copy under another name (Keras's {@code name}: configs and messages show it). */
    public final T name(String name) {
        return copy(name, reduction, values);
    }

    /** A copy that combines per-sample losses with {@code reduction}. */
    public final T reduction(Reduction reduction) {
        return copy(name, reduction, values);
    }

    /** A copy with the reduction Keras names {@code reduction}: {@code "sum_over_batch_size"} or {@code "sum"}. */
    public final T reduction(String reduction) {
        return reduction(Reduction.fromKeras(reduction));
    }

    /**
     * A copy with the settings of a Keras config of this class ({@code get_config()}'s dict): absent keys keep their
     * value, as {@code cls(**config)} keeps Keras's defaults; {@code dtype} may only be None (the loss computes in the
     * model's float type).
     *
     * @throws IllegalArgumentException naming the class, the key and the value for an unknown key or a bad value
     * @throws UnsupportedOperationException for a value Keras takes and keras4j cannot compute
     */
    public final T withConfig(Map<String, ?> config) {
        String newName = name;
        Reduction newReduction = reduction;
        Map<String, Object> changed = new LinkedHashMap<>(values);
        for (Map.Entry<String, ?> entry : config.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            switch (key) {
                case "name" -> {
                    if (!(value instanceof String text)) {
                        throw new IllegalArgumentException(className() + ": name must be a string, received: "
                                + PythonRepr.of(value));
                    }
                    newName = text;
                }
                case "reduction" -> newReduction = Reduction.fromKeras(value);
                case "dtype" -> {
                    if (value != null) {
                        throw new UnsupportedOperationException(className() + ": dtype=" + PythonRepr.of(value)
                                + " is not supported by keras4j, which computes the loss in the model's float type");
                    }
                }
                default -> changed.put(key, arguments.check(key, value));
            }
        }
        return copy(newName, newReduction, changed);
    }

    /** Keras's class name, {@code "Huber"}. */
    public final String className() {
        return arguments.className();
    }

    /** Keras's {@code get_config()}: {@code name}, {@code reduction}, then the class's arguments in Keras's order. */
    public final Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("reduction", reduction.kerasName());
        config.putAll(values);
        return Collections.unmodifiableMap(config);
    }

    /** As Keras writes a loss object in a training config: {@code {"class_name": ..., "config": {...}}}. */
    @Override
    public final Object kerasConfig() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", className());
        entry.put("config", config());
        return entry;
    }

    /** The loss's {@code name} (default the class's Keras name: {@code "huber_loss"} for Huber). */
    @Override
    public final String kerasName() {
        return name;
    }

    @Override
    public final Reduction reduction() {
        return reduction;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && name.equals(((LossFunctionWrapper<?>) other).name)
                && reduction == ((LossFunctionWrapper<?>) other).reduction
                && values.equals(((LossFunctionWrapper<?>) other).values);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), name, reduction, values);
    }

    @Override
    public final String toString() {
        StringBuilder text = new StringBuilder(className()).append('(');
        for (Map.Entry<String, Object> setting : values.entrySet()) {
            text.append(setting.getKey()).append('=').append(PythonRepr.of(setting.getValue())).append(", ");
        }
        return text.append("reduction='").append(reduction.kerasName()).append("', name='").append(name).append("')")
                .toString();
    }
}
