package io.github.keras4j.layers;

import io.github.keras4j.Shape;
import io.github.keras4j.engine.step.CompiledLayer;
import io.github.keras4j.engine.step.LayerSetup;
import io.github.keras4j.engine.step.ShapeLayers;
import io.github.keras4j.layers.dl4j.SampleReshapePreProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Reshapes each sample to {@code targetShape}, reading it in row-major (channels-last) order: Keras's
 * {@code keras.layers.Reshape(target_shape)}. One size may be -1, computed from the others
 * ({@code new Reshape(-1, 2)}). keras4j's samples are features, sequences {@code (timesteps, features)} or images
 * {@code (height, width, channels)}, so the target has one to three axes, and the input's sizes must be known. No
 * weights.
 */
public final class Reshape extends FluentLayer<Reshape> {

    /** Keras's {@code Reshape} (the same key in every Keras version). */
    public static final LayerType<Reshape> TYPE = LayerType.of("Reshape", Reshape::fromConfig)
            .firstOnImages()
            .firstOnSequences();

    private final long[] targetShape;

    /** {@code Reshape(target_shape)}: the sizes of a sample after it, one of them -1 at most. */
    public Reshape(long... targetShape) {
        if (targetShape == null || targetShape.length < 1 || targetShape.length > 3) {
            throw new UnsupportedOperationException("Reshape's target_shape must have 1 to 3 axes in keras4j "
                    + "(features, (timesteps, features) or (height, width, channels)), received: "
                    + (targetShape == null ? "null" : text(targetShape)));
        }
        int unknown = 0;
        for (long size : targetShape) {
            if (size == -1) {
                unknown++;
            } else if (size < 1) {
                throw new IllegalArgumentException("Reshape's target_shape must hold positive sizes and one -1 at "
                        + "most, received: " + text(targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("There must be at most one unknown dimension (-1) in target_shape. "
                    + "Received: target_shape=" + text(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    private static Reshape fromConfig(LayerConfig config) {
        Object value = config.required("target_shape");
        List<Object> sizes = config.list(value);
        long[] target = new long[sizes.size()];
        for (int i = 0; i < target.length; i++) {
            if (!(sizes.get(i) instanceof Integer size)) {
                throw config.wrongType("target_shape", "a list of integers");
            }
            target[i] = size;
        }
        try {
            return new Reshape(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.where() + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException(config.where() + ": " + e.getMessage(), e);
        }
    }

    private static String text(long[] shape) {
        String sizes = Arrays.toString(shape);
        return "(" + sizes.substring(1, sizes.length() - 1) + (shape.length == 1 ? ",)" : ")");
    }

    @Override
    public LayerType<Reshape> type() {
        return TYPE;
    }

    /** The target shape as given, -1 where it is computed. */
    public long[] targetShape() {
        return targetShape.clone();
    }

    @Override
    public long outputUnits(long inputUnits) {
        return outputShape(Shape.of(inputUnits)).elementCount();
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (!inputShape.isFullyKnown()) {
            throw new IllegalArgumentException("Reshape layer " + name() + " needs every size of its input known, "
                    + "received input of shape " + inputShape.sizesText() + " (fix the number of timesteps)");
        }
        long total = inputShape.elementCount();
        long known = 1;
        int unknownAxis = -1;
        for (int axis = 0; axis < targetShape.length; axis++) {
            if (targetShape[axis] == -1) {
                unknownAxis = axis;
            } else {
                known = Math.multiplyExact(known, targetShape[axis]);
            }
        }
        long[] output = targetShape.clone();
        if (unknownAxis >= 0 && total % known == 0) {
            output[unknownAxis] = total / known;
        }
        if (unknownAxis >= 0 ? total % known != 0 : known != total) {
            throw new IllegalArgumentException("Reshape layer " + name() + ": the total size of the new array must "
                    + "be unchanged, input of shape " + inputShape.sizesText() + " (" + total + " values) cannot be "
                    + "reshaped to target_shape " + text(targetShape));
        }
        return Shape.of(output);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        List<Object> sizes = new ArrayList<>();
        for (long size : targetShape) {
            sizes.add((int) size == size ? (Object) (int) size : (Object) size);
        }
        config.put("target_shape", sizes);
    }

    /** An identity layer: the reshape is its preprocessor's. */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j(Shape inputShape) {
        return dl4jActivationLayer(new ActivationIdentity());
    }

    /**
     * As the model's last layer: none (DL4J's loss layer follows), but a reshape to images is refused, as for every last
     * layer outputting images.
     */
    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4jOutput(Shape inputShape, ILossFunction loss) {
        Shape output = outputShape(inputShape);
        if (output.isImage()) {
            throw new UnsupportedOperationException("layer " + this + " is the last layer and outputs images of shape "
                    + output.sizesText() + "; keras4j models must output features: end the model with Flatten (and "
                    + "Dense)");
        }
        return null;
    }

    /** C-order reshapes of keras4j's channels-last arrays: Keras's order. */
    @Override
    public InputPreProcessor dl4jPreProcessor(Shape inputShape) {
        return SampleReshapePreProcessor.reshape(inputShape.sizes(), outputShape(inputShape).sizes());
    }

    /** The copies of its preprocessor and identity layer, on features, sequences and images alike. */
    @Override
    public CompiledLayer compile(LayerSetup setup) {
        return compiledRearrangement(setup);
    }

    /** Compiled on sequences of known length without a mask (a reshape does not pass one on). */
    @Override
    public boolean compilesSequences(boolean maskedInput) {
        return !maskedInput;
    }

    /** The compiled form of {@link SampleReshapePreProcessor} and its identity layer, Reshape's and Permute's. */
    static CompiledLayer compiledRearrangement(LayerSetup setup) {
        if (!(setup.preProcessor() instanceof SampleReshapePreProcessor rearrangement)) {
            throw new UnsupportedOperationException("a reshape without keras4j's sample preprocessor has no compiled "
                    + "form");
        }
        return ShapeLayers.rearrange(setup, rearrangement.inputShape(), rearrangement.outputShape(),
                rearrangement.permutation());
    }
}
