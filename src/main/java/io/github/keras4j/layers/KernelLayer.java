package io.github.keras4j.layers;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What Keras's {@code Dense} and {@code Conv2D} share: an activation, an optional bias, and the initializers and
 * regularizers of the kernel and the bias, with Keras's defaults ({@code linear}, {@code use_bias=True},
 * {@code glorot_uniform}, {@code zeros}, no regularizers). The fluent setters return a copy of the concrete layer.
 *
 * @param <T> the concrete layer
 */
public abstract class KernelLayer<T extends KernelLayer<T>> extends FluentLayer<T> {

    /** Keras's default activation. */
    public static final Activations DEFAULT_ACTIVATION = Activations.LINEAR;
    /** Keras's default kernel initializer name. */
    public static final String DEFAULT_KERNEL_INITIALIZER = "glorot_uniform";
    /** Keras's default bias initializer name. */
    public static final String DEFAULT_BIAS_INITIALIZER = "zeros";

    /** Keras 1's names of the keys both types share, as {@link LayerType#keras1Keys} pairs. */
    static final String[] KERAS1_KEYS = {"init", "kernel_initializer", "bias", "use_bias",
        "W_regularizer", "kernel_regularizer", "b_regularizer", "bias_regularizer",
        "W_constraint", "kernel_constraint", "b_constraint", "bias_constraint"};

    private Activations activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get(DEFAULT_KERNEL_INITIALIZER);
    private Initializer biasInitializer = Initializers.get(DEFAULT_BIAS_INITIALIZER);
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;

    KernelLayer(Activations activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    public Activations activation() {
        return activation;
    }

    @Override
    public Activations outputActivation() {
        return activation;
    }

    public boolean useBias() {
        return useBias;
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    /** The kernel regularizer, or null. */
    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    /** The bias regularizer, or null. */
    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    /** A copy with this activation, by Keras name. */
    public T activation(String name) {
        return activation(Activations.get(name));
    }

    /** A copy with this activation. */
    public T activation(Activations activation) {
        T copy = copy();
        ((KernelLayer<T>) copy).activation = Objects.requireNonNull(activation, "activation");
        return copy;
    }

    /** A copy with or without a bias vector (Keras's {@code use_bias}). */
    public T useBias(boolean useBias) {
        T copy = copy();
        ((KernelLayer<T>) copy).useBias = useBias;
        return copy;
    }

    /** A copy with this kernel initializer, by Keras name. */
    public T kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** A copy with this kernel initializer. */
    public T kernelInitializer(Initializer initializer) {
        T copy = copy();
        ((KernelLayer<T>) copy).kernelInitializer = Objects.requireNonNull(initializer, "kernelInitializer");
        return copy;
    }

    /** A copy with this bias initializer, by Keras name. */
    public T biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** A copy with this bias initializer. */
    public T biasInitializer(Initializer initializer) {
        T copy = copy();
        ((KernelLayer<T>) copy).biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
        return copy;
    }

    /** A copy with this kernel regularizer, by Keras name ({@code "l2"} is {@code l2(0.01)}). */
    public T kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /** A copy with this kernel regularizer (null for none). */
    public T kernelRegularizer(Regularizer regularizer) {
        T copy = copy();
        ((KernelLayer<T>) copy).kernelRegularizer = regularizer;
        return copy;
    }

    /** A copy with this bias regularizer, by Keras name. */
    public T biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    /** A copy with this bias regularizer (null for none). */
    public T biasRegularizer(Regularizer regularizer) {
        T copy = copy();
        ((KernelLayer<T>) copy).biasRegularizer = regularizer;
        return copy;
    }

    /** Reads the keys both types share, from {@code activation} on, into {@code layer} (built from its own keys). */
    static <T extends KernelLayer<T>> T readKernelSettings(T layer, LayerConfig config) {
        T read = layer.activation(config.activation("activation", DEFAULT_ACTIVATION))
                .useBias(config.bool("use_bias", true))
                .kernelInitializer(config.initializer("kernel_initializer", DEFAULT_KERNEL_INITIALIZER))
                .biasInitializer(config.initializer("bias_initializer", DEFAULT_BIAS_INITIALIZER))
                .kernelRegularizer(config.regularizer("kernel_regularizer"))
                .biasRegularizer(config.regularizer("bias_regularizer"));
        config.mustBeNull("activity_regularizer", "kernel_constraint", "bias_constraint", "lora_rank");
        // Keras 3's LoRA scale applies only with a LoRA rank, which must be null.
        config.accept("lora_alpha");
        return read;
    }

    /** Writes the keys both types share, from {@code activation} on, in tf.keras 2.x's order. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        config.put("kernel_initializer", keras3Object(kernelInitializer));
        config.put("bias_initializer", keras3Object(biasInitializer));
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    void writeKernelSettings(Map<String, Object> config) {
        config.put("activation", activation.kerasName());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kerasObject(kernelInitializer));
        config.put("bias_initializer", kerasObject(biasInitializer));
        config.put("kernel_regularizer", kerasObject(kernelRegularizer));
        config.put("bias_regularizer", kerasObject(biasRegularizer));
        config.put("activity_regularizer", null);
        config.put("kernel_constraint", null);
        config.put("bias_constraint", null);
    }

    /** The kernel as Keras has it and where DL4J keeps it ({@code W}: DL4J's dense and convolution layers alike). */
    abstract KerasWeight kernelWeight();

    @Override
    public List<KerasWeight> kerasWeights() {
        return useBias ? List.of(kernelWeight(), KerasWeight.vector("bias", DefaultParamInitializer.BIAS_KEY))
                : List.of(kernelWeight());
    }

    /**
     * Draws the bias when its Keras initializer is random: DL4J's layer configuration knows only constant biases.
     * Keras initializes a bias of shape (units,) (Conv2D: (filters,)) with fan_in = fan_out = units.
     */
    @Override
    public void initializeParams(Map<String, INDArray> params) {
        if (useBias && biasInitializer.constantValue().isEmpty()) {
            INDArray bias = params.get(DefaultParamInitializer.BIAS_KEY);
            long units = bias.length();
            biasInitializer.toDl4j().init(units, units, new long[] {units}, 'c', bias.reshape(units));
        }
    }

    /** DL4J's builder with this layer's activation, initializers and name. */
    <B extends BaseLayer.Builder<B>> B withKernelSettings(B builder) {
        return builder.activation(activation.toDl4j())
                .weightInit(kernelInitializer.toDl4j())
                .biasInit(biasInitializer.constantValue().orElse(0.0))
                .name(name());
    }

    /** The DL4J layer with this layer's kernel and bias regularizers, which DL4J's builders cannot set per weight. */
    <L extends BaseLayer> L withRegularizers(L translated) {
        if (kernelRegularizer != null) {
            translated.setRegularization(new ArrayList<>(kernelRegularizer.toDl4j()));
        }
        if (biasRegularizer != null && useBias) {
            translated.setRegularizationBias(new ArrayList<>(biasRegularizer.toDl4j()));
        }
        return translated;
    }
}
