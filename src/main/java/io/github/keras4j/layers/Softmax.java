package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * Softmax over the features: {@code exp(x_i) / sum_j exp(x_j)} per sample. Keras's
 * {@code keras.layers.Softmax(axis=-1)}; the models keras4j builds have one feature axis, so {@code axis} is
 * always -1.
 */
public final class Softmax extends FluentLayer<Softmax> {

    /** Keras's {@code Softmax} layer. */
    public static final LayerType<Softmax> TYPE = LayerType.of("Softmax", Softmax::fromConfig)
            .acceptsSequences();

    /** {@code Softmax()}. */
    public Softmax() {
    }

    private static Softmax fromConfig(LayerConfig config) {
        Object axis = config.read("axis");
        if (!(axis == null || Objects.equals(axis, -1) || Objects.equals(axis, List.of(-1))
                || Objects.equals(axis, 1))) {
            throw new UnsupportedOperationException(config.where() + ": Softmax over axis " + axis
                    + " is not supported; only the feature axis (-1)");
        }
        return new Softmax();
    }

    @Override
    public LayerType<Softmax> type() {
        return TYPE;
    }

    @Override
    public long outputUnits(long inputUnits) {
        return inputUnits;
    }

    /** Each timestep of a sequence is one softmax over its features. */
    @Override
    public Shape outputShape(Shape inputShape) {
        return inputShape.isSequence() ? inputShape : super.outputShape(inputShape);
    }

    @Override
    public boolean perTimestep() {
        return true;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("axis", -1);
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return dl4jActivationLayer(new ActivationSoftmax());
    }

    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledActivationLayer(setup);
    }

    @Override
    public Activations outputActivation() {
        return Activations.SOFTMAX;
    }
}
