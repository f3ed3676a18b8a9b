package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;

import io.github.keras4j.activations.Activations;
import java.util.Map;
import java.util.Objects;

/** Applies an activation function: Keras's {@code keras.layers.Activation('relu')}. */
public final class Activation extends FluentLayer<Activation> {

    /** Keras's {@code Activation}. */
    public static final LayerType<Activation> TYPE = LayerType.of("Activation", Activation::fromConfig)
            .acceptsImages("not softmax")
            .acceptsSequences();

    private final Activations activation;

    /** {@code Activation(name)}. */
    public Activation(String activation) {
        this(Activations.get(activation));
    }

    /** {@code Activation(activation)}. */
    public Activation(Activations activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    private static Activation fromConfig(LayerConfig config) {
        return new Activation(config.activation("activation"));
    }

    @Override
    public LayerType<Activation> type() {
        return TYPE;
    }

    /** Softmax over images would need an axis DL4J's activation layer does not take. */
    @Override
    public boolean acceptsImages() {
        return activation != Activations.SOFTMAX;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    public Activations activation() {
        return activation;
    }

    @Override
    public Activations outputActivation() {
        return activation;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("activation", activation.kerasName());
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return dl4jActivationLayer(activation.toDl4j());
    }

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledActivationLayer(setup);
    }
}
