package io.github.keras4j.internal;

import io.github.keras4j.Shape;
import io.github.keras4j.layers.Layer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The size of a model, computed in {@code long} with overflow checks from its layers before any weight exists, and
 * the check that the JVM can hold it: a config from elsewhere may declare {@code Dense(units=2147483647)}, and DL4J
 * would try to allocate it (native {@code std::bad_alloc} at best).
 */
public final class ModelSize {

    /**
     * The arrays of the parameters' size that training holds: the parameters, their gradients and an optimizer's
     * two moments (Adam's and its kin; SGD holds fewer).
     */
    public static final int ARRAYS_PER_PARAMETER = 4;

    private ModelSize() {
    }

    /**
     * The parameter count of a stack of layers on {@code inputShape}, with every shape checked (each size at least
     * 1, each layer's output at most {@link FileLimits#MAX_ELEMENTS} values per sample).
     *
     * @param where what the model came from, for the errors
     * @throws IllegalArgumentException naming the layer whose shape or parameter count is impossible
     */
    public static long parameters(List<Layer> layers, long[] inputShape, String where) {
        return parameters(layers, shapeOf(inputShape, where + ": the model's input"), where);
    }

    /** {@link #parameters(List, long[], String)} of a {@link Shape}, whose timesteps may be unknown. */
    public static long parameters(List<Layer> layers, Shape inputShape, String where) {
        Shape shape = checkedShape(inputShape, where + ": the model's input");
        long total = 0;
        for (Layer layer : layers) {
            String what = where + ": layer '" + layer.name() + "' (" + layer.className() + ")";
            long params = layerParameters(layer, shape, what);
            Shape output = layer.outputShape(shape);
            shape = checkedShape(output, what + "'s output");
            total = add(total, params, what);
        }
        return total;
    }

    /**
     * Checks that the JVM can train a model of these layers: the parameter count times
     * {@link #ARRAYS_PER_PARAMETER} arrays of the layers' float type must fit the memory ND4J may use.
     *
     * @throws IllegalArgumentException naming the largest layer, the memory needed and the memory there is
     */
    public static void requireFits(List<Layer> layers, long[] inputShape, String where) {
        requireFits(layers, shapeOf(inputShape, where + ": the model's input"), where);
    }

    /** {@link #requireFits(List, long[], String)} of a {@link Shape}, whose timesteps may be unknown. */
    public static void requireFits(List<Layer> layers, Shape inputShape, String where) {
        long total = parameters(layers, inputShape, where);
        int bytesPerValue = layers.isEmpty() || !"float64".equals(layers.get(0).dtype()) ? 4 : 8;
        long needed = saturatingMultiply(saturatingMultiply(total, bytesPerValue), ARRAYS_PER_PARAMETER);
        long available = FileLimits.maxArrayBytes();
        if (needed > available) {
            Layer largest = null;
            long largestParams = -1;
            Shape shape = inputShape;
            for (Layer layer : layers) {
                long params = layerParameters(layer, shape, where);
                if (params > largestParams) {
                    largest = layer;
                    largestParams = params;
                }
                shape = layer.outputShape(shape);
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the model has %,d parameters "
                    + "(layer '%s' (%s) alone has %,d); training it needs about %s, more than the %s this JVM may "
                    + "use; raise the JVM's -Xmx (the keras4j command: KERAS4J_JAVA_OPTS=-Xmx%dg)", where, total,
                    largest.name(), largest.className(), largestParams, FileLimits.bytes(needed),
                    FileLimits.bytes(available), Math.max(2, (needed >> 30) + 2)));
        }
    }

    /** Each layer type counts its own parameters, in long with overflow checks ({@link Layer#countParams(Shape)}). */
    private static long layerParameters(Layer layer, Shape shape, String what) {
        try {
            return layer.countParams(shape);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException(what + " would have more than 2^63 parameters");
        }
    }

    private static Shape shapeOf(long[] shape, String what) {
        if (shape == null) {
            throw new IllegalArgumentException(what + " has no shape");
        }
        for (long size : shape) {
            if (size < 1 && size != Shape.NONE) {
                throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape)
                        + ": every size must be at least 1");
            }
        }
        return Shape.of(shape);
    }

    /** The shape, checked; an unknown size (Keras's None: timesteps, tokens) counts as one for the size limits. */
    private static Shape checkedShape(Shape checked, String what) {
        if (checked == null) {
            throw new IllegalArgumentException(what + " has no shape");
        }
        long[] shape = checked.sizes().clone();
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] == Shape.NONE) {
                shape[axis] = 1;
            } else if (shape[axis] < 1) {
                throw new IllegalArgumentException(what + " has shape " + checked.sizesText()
                        + ": every size must be at least 1");
            }
        }
        long values;
        try {
            values = FileLimits.elements(shape, what);
        } catch (IllegalArgumentException tooLarge) {
            throw new IllegalArgumentException(what + " would have shape " + checked.sizesText()
                    + ": more values per sample than one array can hold, so the model cannot be built", tooLarge);
        }
        if (values > FileLimits.MAX_ELEMENTS) {
            throw new IllegalArgumentException(what + " has " + values + " values per sample, more than one array "
                    + "can hold");
        }
        return checked;
    }

    private static long add(long total, long params, String what) {
        try {
            return Math.addExact(total, params);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException(what + ": the model would have more than 2^63 parameters");
        }
    }

    private static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }
}
