package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import io.github.keras4j.engine.step.Buffers;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.CustomKernel;
import io.github.keras4j.engine.step.KernelList;
import io.github.keras4j.engine.step.LayerParameters;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.Reshapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns token indices into dense vectors: Keras's {@code keras.layers.Embedding(input_dim, output_dim)}. Its input is
 * {@code [samples, timesteps]} of indices in {@code [0, inputDim)} (an {@code int[][]}, or any integer-valued array),
 * its output {@code (timesteps, outputDim)}. {@code new Embedding(1000, 64).maskZero(true)} is
 * {@code Embedding(1000, 64, mask_zero=True)}: index 0 is padding, skipped by the recurrent layers after it and left out
 * of a sequence output's loss and metrics. Keras's defaults: initializer {@code uniform} (-0.05 to 0.05), no
 * regularizer, {@code mask_zero} false; the sequence length is free unless {@link #inputLength(long)} fixes it. It
 * must be the model's first layer. Its weight is Keras's: embeddings {@code (inputDim, outputDim)}.
 */
public final class Embedding extends FluentLayer<Embedding> {

    /** Keras's {@code Embedding}; Keras 1 called its initializer {@code init} and its regularizer {@code W_regularizer}. */
    public static final LayerType<Embedding> TYPE = LayerType.of("Embedding", Embedding::fromConfig)
            .keras1Keys("init", "embeddings_initializer", "W_regularizer", "embeddings_regularizer",
                    "W_constraint", "embeddings_constraint")
            .firstOnSequences()
            .firstOnly()
            .readsInputDim()
            .integerInput();

    /** Keras's default initializer name. */
    public static final String DEFAULT_INITIALIZER = "uniform";

    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = Initializers.get(DEFAULT_INITIALIZER);
    private Regularizer embeddingsRegularizer;
    private boolean maskZero;

    /** {@code Embedding(input_dim, output_dim)}: {@code inputDim} tokens (the largest index + 1), vectors of {@code outputDim}. */
    public Embedding(int inputDim, int outputDim) {
        if (inputDim < 1 || outputDim < 1) {
            throw new IllegalArgumentException("Both `input_dim` and `output_dim` should be positive, Received "
                    + "input_dim=" + inputDim + " and output_dim=" + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    private static Embedding fromConfig(LayerConfig config) {
        Embedding embedding = new Embedding(config.integer("input_dim"), config.integer("output_dim"))
                .embeddingsInitializer(config.initializer("embeddings_initializer", DEFAULT_INITIALIZER))
                .embeddingsRegularizer(config.regularizer("embeddings_regularizer"))
                .maskZero(config.bool("mask_zero", false));
        config.mustBeNull("activity_regularizer", "embeddings_constraint", "lora_rank", "weights",
                "quantization_config");
        config.accept("lora_alpha");
        config.mustBe("sparse", false);
        // Keras 1's dropout of whole embeddings.
        Object dropout = config.read("dropout");
        if (!(dropout == null || dropout instanceof Number rate && rate.doubleValue() == 0)) {
            throw new UnsupportedOperationException(config.where() + ": dropout " + config.json(dropout)
                    + " is not supported; only 0 (put a Dropout layer after it)");
        }
        Object length = config.read("input_length");
        if (length instanceof List<?> lengths && lengths.size() == 1) {
            length = lengths.get(0);
        }
        if (length instanceof Number number) {
            embedding = embedding.inputLength(number.longValue());
        } else if (length != null) {
            throw config.wrongType("input_length", "an integer or null");
        }
        return embedding;
    }

    @Override
    public LayerType<Embedding> type() {
        return TYPE;
    }

    /** The number of tokens: indices go from 0 to {@code inputDim - 1}. */
    public int inputDim() {
        return inputDim;
    }

    /** The size of each token's vector. */
    public int outputDim() {
        return outputDim;
    }

    public Initializer embeddingsInitializer() {
        return embeddingsInitializer;
    }

    /** The embeddings' regularizer, or null. */
    public Regularizer embeddingsRegularizer() {
        return embeddingsRegularizer;
    }

    /** Whether index 0 is padding (Keras's {@code mask_zero}). */
    public boolean maskZero() {
        return maskZero;
    }

    /** A copy with this initializer of the embeddings, by Keras name. */
    public Embedding embeddingsInitializer(String name) {
        return embeddingsInitializer(Initializers.get(name));
    }

    /** A copy with this initializer of the embeddings. */
    public Embedding embeddingsInitializer(Initializer initializer) {
        Embedding copy = copy();
        copy.embeddingsInitializer = Objects.requireNonNull(initializer, "embeddingsInitializer");
        return copy;
    }

    /** A copy with this regularizer of the embeddings, by Keras name. */
    public Embedding embeddingsRegularizer(String name) {
        return embeddingsRegularizer(Regularizers.get(name));
    }

    /** A copy with this regularizer of the embeddings (null for none). */
    public Embedding embeddingsRegularizer(Regularizer regularizer) {
        Embedding copy = copy();
        copy.embeddingsRegularizer = regularizer;
        return copy;
    }

    /** A copy that treats index 0 as padding (Keras's {@code mask_zero=True}), or not. */
    public Embedding maskZero(boolean maskZero) {
        Embedding copy = copy();
        copy.maskZero = maskZero;
        return copy;
    }

    /** A copy taking sequences of {@code length} tokens (Keras 2's {@code input_length}; {@link Shape#NONE}: any). */
    public Embedding inputLength(long length) {
        return inputShape(length);
    }

    /**
     * Refused: Keras's {@code input_dim} of an Embedding is its number of tokens, given to the constructor; the
     * sequence length is {@link #inputLength(long)}.
     */
    @Override
    public Embedding inputDim(long inputDim) {
        throw new UnsupportedOperationException("an Embedding's input_dim is its number of tokens, given to its "
                + "constructor (new Embedding(" + inputDim + ", outputDim)); declare the sequence length with "
                + "inputLength(n)");
    }

    /** Keras builds an Embedding for sequences of any length. */
    @Override
    public Shape defaultInputShape() {
        return Shape.of(Shape.NONE);
    }

    @Override
    public long outputUnits(long inputUnits) {
        throw new UnsupportedOperationException("Embedding layer " + name() + " outputs sequences");
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isFeatures()) {
            throw new UnsupportedOperationException("Embedding layer " + name() + " takes token indices of shape "
                    + "(timesteps), received input of shape " + inputShape.sizesText());
        }
        return Shape.of(inputShape.last(), outputDim);
    }

    @Override
    public long countParams(Shape inputShape) {
        outputShape(inputShape);
        return Math.multiplyExact((long) inputDim, outputDim);
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return countParams(inputShape);
    }

    /** Keras's {@code compute_mask} with {@code mask_zero}: 1 for each token other than 0. */
    @Override
    public INDArray computeMask(INDArray input) {
        return maskZero ? input.neq(0).castTo(input.dataType()) : null;
    }

    @Override
    public boolean maskedOutput(boolean maskedInput) {
        return maskZero;
    }

    /** Checks that every value is a token index: an integer in {@code [0, inputDim)}. */
    @Override
    public void checkInput(String what, INDArray input) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException(what + " must hold token indices [samples, timesteps] for layer '"
                    + name() + "' (Embedding)");
        }
        double[] values = input.dup('c').data().asDouble();
        long steps = input.size(1);
        for (int i = 0; i < values.length; i++) {
            double value = values[i];
            if (value != Math.rint(value) || value < 0 || value >= inputDim) {
                throw new IllegalArgumentException(what + " sample " + (i / steps) + ", timestep " + (i % steps)
                        + " is " + value + ", not a token index in [0, " + inputDim + ") for the input_dim of layer '"
                        + name() + "' (Embedding)");
            }
        }
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        // tf.keras 2.x's key order.
        config.put("input_dim", inputDim);
        config.put("output_dim", outputDim);
        config.put("embeddings_initializer", kerasObject(embeddingsInitializer));
        config.put("embeddings_regularizer", kerasObject(embeddingsRegularizer));
        config.put("activity_regularizer", null);
        config.put("embeddings_constraint", null);
        config.put("mask_zero", maskZero);
        Shape declared = declaredShape();
        config.put("input_length", declared == null || !declared.isKnown(0) ? null : declared.last());
    }

    /** Keras 3's keys: no {@code input_length}, the initializer in Keras 3's form, a {@code quantization_config}. */
    @Override
    protected void writeKeras3Config(Map<String, Object> config) {
        config.remove("input_length");
        config.put("embeddings_initializer", keras3Object(embeddingsInitializer));
        config.put("quantization_config", null);
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    public List<KerasWeight> kerasWeights() {
        return List.of(KerasWeight.matrix("embeddings", DefaultParamInitializer.WEIGHT_KEY));
    }

    /** DL4J's {@code EmbeddingSequenceLayer}, with channels-last output and the length taken from each input. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        EmbeddingSequenceLayer layer = new EmbeddingSequenceLayer.Builder()
                .nIn(inputDim).nOut(outputDim)
                .inferInputLength(true)
                .outputDataFormat(RNNFormat.NWC)
                .hasBias(false)
                .weightInit(embeddingsInitializer.toDl4j())
                .activation(new ActivationIdentity())
                .name(name())
                .build();
        if (embeddingsRegularizer != null) {
            layer.setRegularization(new ArrayList<>(embeddingsRegularizer.toDl4j()));
        }
        return layer;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The compiled step

    /** Its compiled form takes token sequences of any length, with its own mask ({@code mask_zero}) or without. */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return true;
    }

    /**
     * DL4J's {@code EmbeddingSequenceLayer} (identity activation, no bias, channels-last output): forward, the rows of
     * the embeddings at the token indices ({@code pullRows}, here {@code gather}: copies either way), times the
     * timestep mask where there is one; backward, dL/d(output) times the mask, its rows added into a zeroed gradient
     * at their tokens' rows in the order of the tokens (DL4J's {@code scatterUpdate(ADD)} gives each row to one thread,
     * which adds in that order; {@code scatter_add} with its lock on adds in that order on one thread).
     */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        if (setup.preProcessor() != null) {
            throw new UnsupportedOperationException("a preprocessor before an Embedding has no compiled form");
        }
        INDArray input = setup.input();
        if (input.rank() != 2) {
            throw new UnsupportedOperationException("Embedding " + name() + " compiles token indices [samples, "
                    + "timesteps], not input of shape " + java.util.Arrays.toString(input.shape()));
        }
        LayerParameters parameters = new LayerParameters(setup.layer());
        if (parameters.parameter(DefaultParamInitializer.BIAS_KEY) != null) {
            throw new UnsupportedOperationException("an Embedding with a bias has no compiled form");
        }
        Buffers buffers = setup.buffers();
        INDArray embeddings = parameters.parameter(DefaultParamInitializer.WEIGHT_KEY);
        long samples = input.size(0);
        long steps = input.size(1);
        long tokens = samples * steps;
        INDArray indices = buffers.array(DataType.INT, 'c', tokens);
        INDArray rows = buffers.array('c', tokens, outputDim);
        INDArray gathered = rows.reshape('c', new long[] {samples, steps, outputDim});
        INDArray mask = setup.mask() == null ? null : setup.mask().reshape('c', new long[] {samples, steps, 1});
        KernelList forward = new KernelList(buffers);
        forward.copy(input.reshape('c', new long[] {tokens}), indices);
        forward.add(CustomKernel.of("gather").in(embeddings, indices).out(rows).i(0).build());
        INDArray output = gathered;
        if (mask != null) {
            output = buffers.array('c', samples, steps, outputDim);
            forward.mul(gathered, mask, output);
        }
        return CompiledLayer.of(output, forward.build(), buffers, (kernels, outputGradient, inputGradientNeeded) -> {
            if (!setup.training()) {
                throw new IllegalStateException("an Embedding compiled for inference has no backward pass");
            }
            INDArray delta = outputGradient;
            if (mask != null) {
                delta = buffers.array('c', samples, steps, outputDim);
                kernels.mul(outputGradient, mask, delta);
            }
            INDArray deltaRows = Reshapes.reshape(kernels, buffers, delta, 'c', tokens, outputDim);
            INDArray zeros = buffers.filled(0, embeddings.ordering(), embeddings.shape());
            INDArray gradient = parameters.gradient(DefaultParamInitializer.WEIGHT_KEY);
            kernels.add(CustomKernel.of("scatter_add").in(zeros, indices, deltaRows).out(gradient).b(true).build());
            return null;
        });
    }
}
