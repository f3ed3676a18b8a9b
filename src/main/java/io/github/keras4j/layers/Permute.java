package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.layers.dl4j.SampleReshapePreProcessor;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * Permutes the axes of each sample: Keras's {@code keras.layers.Permute(dims)}, the axes counted from 1 (the batch
 * axis is not permuted): {@code new Permute(2, 1)} swaps a sequence's timesteps and features. The input's sizes must be
 * known. No weights.
 */
public final class Permute extends FluentLayer<Permute> {

    /** Keras's {@code Permute} (the same key in every Keras version). */
    public static final LayerType<Permute> TYPE = LayerType.of("Permute", Permute::fromConfig)
            .firstOnImages()
            .firstOnSequences();

    private final int[] dims;

    /** {@code Permute(dims)}: the input axis (from 1) each output axis takes, a permutation of 1..n. */
    public Permute(int... dims) {
        if (dims == null || dims.length < 1 || dims.length > 3) {
            throw new UnsupportedOperationException("Permute's dims must have 1 to 3 entries in keras4j (samples "
                    + "are features, (timesteps, features) or (height, width, channels)), received: "
                    + Arrays.toString(dims));
        }
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("Invalid permutation argument `dims` for Permute Layer. The set "
                        + "of indices in `dims` must be consecutive and start from 1. Received dims="
                        + Arrays.toString(dims));
            }
        }
        this.dims = dims.clone();
    }

    private static Permute fromConfig(LayerConfig config) {
        try {
            return new Permute(config.integers("dims"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.where() + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException(config.where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LayerType<Permute> type() {
        return TYPE;
    }

    /** The input axis (counted from 1) of each output axis. */
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public long outputUnits(long inputUnits) {
        return outputShape(Shape.of(inputUnits)).last();
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() != dims.length) {
            throw new IllegalArgumentException("Permute layer " + name() + " with dims " + Arrays.toString(dims)
                    + " takes input of " + dims.length + " axes, received input of shape " + inputShape.sizesText());
        }
        if (!inputShape.isFullyKnown()) {
            throw new IllegalArgumentException("Permute layer " + name() + " needs every size of its input known, "
                    + "received input of shape " + inputShape.sizesText() + " (fix the number of timesteps)");
        }
        long[] output = new long[dims.length];
        Arrays.setAll(output, axis -> inputShape.size(dims[axis] - 1));
        return Shape.of(output);
    }

    @Override
    public boolean keras3Builds() {
        return true;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("dims", intList(dims));
    }

    /** An identity layer: the permutation is its preprocessor's. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return dl4jActivationLayer(new ActivationIdentity());
    }

    /** The axes of keras4j's channels-last arrays permuted as Keras's, copied in C order. */
    @Override
    public InputPreProcessor dl4jPreProcessor(Shape inputShape) {
        outputShape(inputShape);
        return SampleReshapePreProcessor.permute(inputShape.sizes(), dims);
    }

    /** The copies of its preprocessor and identity layer, as Reshape's. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return Reshape.compiledRearrangement(setup);
    }

    /** Compiled on sequences without a mask (a permutation does not pass one on). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return !maskedInput;
    }
}
