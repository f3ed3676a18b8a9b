package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.activations.Activations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Applies a layer to every timestep of a sequence: Keras's {@code keras.layers.TimeDistributed(Dense(units))}, which
 * maps {@code (timesteps, features)} to {@code (timesteps, units)} with one kernel shared by the timesteps (as Keras's
 * {@code Dense} does on sequences anyway). Only a {@code Dense} can be wrapped. Its weights are the Dense's.
 */
public final class TimeDistributed extends FluentLayer<TimeDistributed> {

    /** Keras's {@code TimeDistributed}. */
    public static final LayerType<TimeDistributed> TYPE = LayerType.of("TimeDistributed", TimeDistributed::fromConfig)
            .firstOnSequences();

    private final Dense layer;

    /** {@code TimeDistributed(Dense(...))}: the Dense applied to every timestep. */
    public TimeDistributed(Dense layer) {
        // Keras names the wrapped layer when it is created; its config keeps that name.
        this.layer = (Dense) Objects.requireNonNull(layer, "layer").named();
        if (layer.declaredShape() != null) {
            throw new IllegalArgumentException("give the input shape to the TimeDistributed, not to the layer it wraps");
        }
    }

    private static TimeDistributed fromConfig(LayerConfig config) {
        Layer inner = config.layer("layer");
        if (inner == null) {
            throw new IllegalArgumentException(config.where() + ": missing \"layer\", the layer it applies to each "
                    + "timestep");
        }
        if (!(inner instanceof Dense dense)) {
            throw new UnsupportedOperationException(config.where() + ": TimeDistributed(" + inner.className() + ") is "
                    + "not supported; only TimeDistributed(Dense)");
        }
        Shape declared = dense.declaredShape();
        TimeDistributed wrapper = new TimeDistributed(declared == null ? dense : copyWithoutShape(dense));
        return declared == null ? wrapper : wrapper.inputShape(declared.sizes());
    }

    private static Dense copyWithoutShape(Dense dense) {
        Dense copy = dense.copy();
        copy.clearDeclaredShape();
        return copy;
    }

    @Override
    public LayerType<TimeDistributed> type() {
        return TYPE;
    }

    /** The layer applied to each timestep. */
    public Dense layer() {
        return layer;
    }

    /** The wrapped Dense's activation, applied last at every timestep. */
    @Override
    public Activations outputActivation() {
        return layer.activation();
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException("TimeDistributed layer " + name() + " takes sequences (timesteps, "
                + "features), not " + inputUnits + " features");
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isSequence()) {
            throw new UnsupportedOperationException("TimeDistributed layer " + name() + " takes sequences of shape "
                    + "(timesteps, features), received input of shape " + inputShape.sizesText());
        }
        return inputShape.withLast(layer.outputShape(Shape.of(inputShape.last())).last());
    }

    @Override
    public long countParams(Shape inputShape) {
        outputShape(inputShape);
        return layer.countParams(inputShape.last());
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return countParams(inputShape);
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
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("class_name", layer.className());
        inner.put("config", layer.config());
        config.put("layer", inner);
    }

    @Override
    public List<KerasWeight> kerasWeights() {
        return layer.kerasWeights();
    }

    /** Keras 3 keeps the weights in the inner layer's group. */
    @Override
    public List<Keras3Vars> keras3Vars() {
        return List.of(new Keras3Vars("", name(), 0), new Keras3Vars("layer", layer.name(), kerasWeights().size()));
    }

    /** Keras 3's config: the Dense as a Keras 3 object. */
    @Override
    public Map<String, Object> keras3Config() {
        return keras3Config(null);
    }

    /** {@link #keras3Config()} with the Dense's {@code build_config}: one timestep's features. */
    @Override
    public Map<String, Object> keras3Config(Shape inputShape) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("trainable", true);
        config.put("dtype", keras3DtypePolicy(dtype()));
        Map<String, Object> inner = keras3Object("keras.layers", layer.className(), layer.keras3Config());
        if (inputShape != null) {
            inner.put("build_config", Map.of("input_shape", keras3BatchShape(Shape.of(inputShape.last()))));
        }
        config.put("layer", inner);
        return config;
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    public void initializeParams(Map<String, INDArray> params) {
        layer.initializeParams(params);
    }

    /** The Dense's DL4J form for the features of one timestep, under this layer's name. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return layer.name(name()).toDl4j(inputShape);
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4jOutput(Shape inputShape, ILossFunction loss) {
        return layer.name(name()).toDl4jOutput(inputShape, loss);
    }

    @Override
    public InputPreProcessor dl4jPreProcessor(Shape inputShape) {
        return null;
    }
}
