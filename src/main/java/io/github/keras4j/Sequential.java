package io.github.keras4j;

import io.github.keras4j.keras.KerasJson;
import io.github.keras4j.keras.KerasModelFiles;
import io.github.keras4j.keras.ModelConfig;
import io.github.keras4j.keras.ModelFileFormat;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A linear stack of layers, Keras's {@code keras.Sequential}: the {@link Model} whose layers are added one on top of
 * the other, each taking the output of the one before.
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(new Dense(16, "relu").inputDim(2));
 * model.add(new Dense(1, "sigmoid"));
 * model.compile("adam", "mean_squared_error", "binary_accuracy");
 * History history = model.fit(x, y, Fit.epochs(500).verbose(2));
 * }</pre>
 * Everything but the layer list ({@link #add}, {@link #pop}) is {@link Model}'s.
 */
public class Sequential extends Model {

    private final List<Layer> layers = new ArrayList<>();
    private Shape inputShape;
    /** Whether an InputLayer declared the input shape (which then outlives the layers, as in Keras). */
    private boolean inputLayerGiven;

    /** An empty model named {@code sequential} (then {@code sequential_1}...), as Keras names them. */
    public Sequential() {
        this(Backend.uniqueName("sequential"));
    }

    /** An empty model with this name. */
    public Sequential(String name) {
        super(name);
    }

    /** A model of these layers: Keras's {@code Sequential([...])}. */
    public Sequential(Layer... layers) {
        this();
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /**
     * Adds a layer on top of the stack. The first layer must know its input size ({@code inputDim(n)},
     * {@code inputShape(n)}, or an {@link InputLayer} added first). Layers added after the weights were created
     * keep the weights of the layers before them.
     */
    public Sequential add(Layer layer) {
        Objects.requireNonNull(layer, "layer");
        requireNotFitting("add");
        if (layer.type().isModelInput()) {
            if (!layers.isEmpty() || inputShape != null) {
                throw new IllegalArgumentException("an InputLayer must be the first layer of the model; "
                        + (layers.isEmpty() ? "the input size is already set" : "this model already has "
                        + layers.size() + " layers"));
            }
            inputShape = layer.declaredShape();
            inputLayerGiven = true;
            return this;
        }
        Layer named = layer.named();
        requireUniqueName(named);
        Shape declared = named.declaredShape();
        if (layers.isEmpty() && inputShape == null) {
            inputShape = declared != null ? declared : named.defaultInputShape();
        } else if (declared != null && inputShape != null && declared.isFeatures() && stackOutput().isFeatures()
                && declared.last() != stackOutput().last()) {
            throw new IllegalArgumentException("layer '" + named.name() + "' declares " + declared.last() + " inputs "
                    + "but the layer before it outputs " + stackOutput().last());
        } else if (declared != null && inputShape != null && !declared.accepts(stackOutput())) {
            throw new IllegalArgumentException("layer '" + named.name() + "' declares input shape " + declared
                    + " but the layer before it outputs " + stackOutput());
        }
        layers.add(named);
        layersChanged();
        return this;
    }

    private void requireUniqueName(Layer named) {
        for (Layer existing : layers) {
            if (existing.name().equals(named.name())) {
                throw new IllegalArgumentException("All layers added to a Sequential model should have unique "
                        + "names. Name '" + named.name() + "' is already the name of a layer in this model.");
            }
        }
    }

    @Override
    protected void insertFirstLayer(Layer layer) {
        requireUniqueName(layer);
        layers.add(0, layer);
        layersChanged();
    }

    @Override
    protected void replaceFirstLayer(Layer layer) {
        layers.set(0, layer);
        layersChanged();
    }

    /**
     * Removes the last layer, Keras's {@code model.pop()}; the layers below keep their weights.
     *
     * @return the layer removed
     */
    public Layer pop() {
        requireNotFitting("pop");
        if (layers.isEmpty()) {
            throw new IllegalStateException("pop() needs a layer to remove: there are no layers in the model");
        }
        Layer removed = layers.remove(layers.size() - 1);
        if (layers.isEmpty() && !inputLayerGiven) {
            // The input shape came with the removed layer.
            inputShape = null;
        }
        layersChanged();
        return removed;
    }

    /** The layers, InputLayer excluded (as Keras's {@code model.layers}). */
    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    protected Shape declaredInputShape() {
        return inputShape;
    }

    /** The output shape of the layers so far, without the batch axis. */
    private Shape stackOutput() {
        Shape shape = inputShape;
        for (Layer layer : layers) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    @Override
    public Sequential seed(long seed) {
        super.seed(seed);
        return this;
    }

    /**
     * A model from a file (Keras's {@code keras.models.load_model}), compiled if it was: a keras4j file written by
     * {@link #save}, a Keras 3 {@code .keras} archive, or a Keras 1, 2 or 3 HDF5 model file ({@code model.save("m.h5")}).
     * The format is told by the file's content, not its name.
     */
    public static Sequential load(Path path) {
        return load(path, true);
    }

    /**
     * {@link #load(Path)} with Keras's {@code compile} argument: {@code false} loads a Keras file's architecture and
     * weights without its training config (to predict, or to compile with other settings, e.g. when the file's
     * optimizer is one keras4j does not have). keras4j's own files always load compiled, with their optimizer state.
     */
    public static Sequential load(Path path, boolean compile) {
        Objects.requireNonNull(path, "path");
        try {
            return read(path, compile);
        } catch (RuntimeException e) {
            throw InvalidFileException.of(path, e);
        }
    }

    private static Sequential read(Path path, boolean compile) {
        ModelFileFormat format = ModelFileFormat.detect(path);
        return switch (format) {
            case KERAS4J_MODEL -> {
                if (!compile) {
                    throw new UnsupportedOperationException(path + " is a keras4j model file, which always loads "
                            + "compiled (with its optimizer state); load(path, false) is for Keras files");
                }
                yield ModelFiles.load(path);
            }
            case KERAS3_ARCHIVE, HDF5 -> KerasModelFiles.load(path, format, compile);
            case KERAS4J_WEIGHTS -> throw new IllegalArgumentException(path + " is a keras4j weights file (.npz), "
                    + "not a model file: build the model and call model.loadWeights(" + path.getFileName() + ")");
        };
    }

    /** Keras's {@code keras.models.model_from_json}: a new, uncompiled model with fresh weights. */
    public static Sequential fromJson(String json) {
        Objects.requireNonNull(json, "json");
        return ModelConfig.fromModelConfig(KerasJson.read(json, "the JSON given"), "the JSON given");
    }

    /** {@link #fromJson(String)} from a file. */
    public static Sequential fromJson(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return KerasModelFiles.fromJson(path);
        } catch (RuntimeException e) {
            throw InvalidFileException.of(path, e);
        }
    }

    @Override
    public String toString() {
        return "Sequential(name=" + name() + ", layers=" + layers + ")";
    }
}
