package io.github.keras4j.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One weight of a layer as Keras has it ({@code get_weights()}'s name and shape) and where DL4J keeps it (a
 * parameter key of the DL4J layer, in DL4J's layout). A layer lists its weights in {@link Layer#kerasWeights()}, in
 * Keras's order; {@code model.getWeights(i)}, {@code setWeights}, Keras's weight files and keras4j's {@code .npz}
 * files all go through them. A layout DL4J stores differently from Keras (a convolution kernel, a recurrent kernel's
 * gate order) is one more factory here.
 */
public abstract class KerasWeight {

    /** DL4J's convolution kernel [filters, in_channels, kernel_h, kernel_w] permuted to Keras's layout. */
    private static final int[] KERAS_KERNEL_FROM_DL4J = {2, 3, 1, 0};

    private final String name;
    private final String dl4jKey;
    private final boolean trainable;

    private KerasWeight(String name, String dl4jKey) {
        this(name, dl4jKey, true);
    }

    private KerasWeight(String name, String dl4jKey, boolean trainable) {
        this.name = name;
        this.dl4jKey = dl4jKey;
        this.trainable = trainable;
    }

    /** A vector: Keras's {@code (n,)}, DL4J's {@code [1, n]} (a bias, BatchNormalization's statistics, PReLU's alpha). */
    public static KerasWeight vector(String name, String dl4jKey) {
        return new KerasWeight(name, dl4jKey) {
            @Override
            public INDArray toKeras(INDArray param) {
                return param.dup('c').reshape(param.length());
            }

            @Override
            public void assign(INDArray param, INDArray value, Layer layer) {
                if (value.length() != param.length() || !(value.rank() == 1 || value.rows() == 1)) {
                    throw shapeError(dl4jKey, "[" + param.length() + "]", value, layer);
                }
                param.assign(value.castTo(param.dataType()).reshape(param.shape()));
            }
        };
    }

    /**
     * An integer scalar: Keras's {@code int64} of shape {@code ()} (a Normalization's {@code count}), DL4J's
     * {@code [1, 1]} parameter holding the number as a float.
     */
    public static KerasWeight integerScalar(String name, String dl4jKey) {
        return new KerasWeight(name, dl4jKey) {
            @Override
            public INDArray toKeras(INDArray param) {
                return Nd4j.scalar(DataType.LONG, Math.round(param.getDouble(0)));
            }

            @Override
            public void assign(INDArray param, INDArray value, Layer layer) {
                if (value.length() != 1 || value.rank() > 1) {
                    throw shapeError(name, "() (a number)", value, layer);
                }
                double number = value.getDouble(0);
                if (!(number >= 0 && number == Math.rint(number))) {
                    throw new IllegalArgumentException("weight '" + name + "' of layer " + layer + " is a count, a "
                            + "whole number >= 0, but the value given is " + number);
                }
                param.assign(number);
            }
        };
    }

    /** A matrix in the same layout in both: Keras's {@code (inputs, units)} is DL4J's {@code W [nIn, nOut]}. */
    public static KerasWeight matrix(String name, String dl4jKey) {
        return new KerasWeight(name, dl4jKey) {
            @Override
            public INDArray toKeras(INDArray param) {
                return param.dup('c');
            }

            @Override
            public void assign(INDArray param, INDArray value, Layer layer) {
                if (!Arrays.equals(value.shape(), param.shape())) {
                    throw shapeError(dl4jKey, Arrays.toString(param.shape()), value, layer);
                }
                param.assign(value.castTo(param.dataType()).reshape(param.shape()));
            }
        };
    }

    /** A 2-D convolution kernel: Keras's {@code (kernel_h, kernel_w, in_channels, filters)}, DL4J's {@code [filters, in_channels, kernel_h, kernel_w]}. */
    public static KerasWeight conv2DKernel(String name, String dl4jKey) {
        return new KerasWeight(name, dl4jKey) {
            @Override
            public INDArray toKeras(INDArray param) {
                return param.permute(KERAS_KERNEL_FROM_DL4J).dup('c');
            }

            @Override
            public void assign(INDArray param, INDArray value, Layer layer) {
                INDArray kernel = param.permute(KERAS_KERNEL_FROM_DL4J);
                if (!Arrays.equals(value.shape(), kernel.shape())) {
                    throw shapeError(name, Arrays.toString(kernel.shape())
                            + " (kernel_h, kernel_w, in_channels, filters)", value, layer);
                }
                kernel.assign(value.castTo(param.dataType()));
            }
        };
    }

    /**
     * A 1-D convolution kernel: Keras's {@code (kernel_size, in_features, filters)}, which DL4J's
     * {@code Convolution1DLayer} keeps in the same C order in a parameter view shaped {@code [filters, in, kernel, 1]}
     * (its forward pass reshapes the view to {@code [kernel, in, filters]}, libnd4j's conv1d weight layout).
     */
    public static KerasWeight conv1DKernel(String name, String dl4jKey) {
        return new KerasWeight(name, dl4jKey) {
            @Override
            public INDArray toKeras(INDArray param) {
                return param.dup('c').reshape('c', param.size(2), param.size(1), param.size(0));
            }

            @Override
            public void assign(INDArray param, INDArray value, Layer layer) {
                long[] keras = {param.size(2), param.size(1), param.size(0)};
                if (!Arrays.equals(value.shape(), keras)) {
                    throw shapeError(name, Arrays.toString(keras) + " (kernel_size, in_features, filters)", value,
                            layer);
                }
                param.assign(value.castTo(param.dataType()).dup('c').reshape('c', param.shape()));
            }
        };
    }

    /** The same weight under another Keras name (a wrapper's: {@code forward_kernel}). */
    public KerasWeight renamed(String newName) {
        KerasWeight original = this;
        return new KerasWeight(newName, dl4jKey) {
            @Override
            public INDArray toKeras(INDArray param) {
                return original.toKeras(param);
            }

            @Override
            public void assign(INDArray param, INDArray value, Layer layer) {
                original.assign(param, value, layer);
            }
        };
    }

    /** Keras's name of the weight: {@code kernel}, {@code bias}, {@code gamma}, {@code moving_mean}, {@code alpha}... */
    public String name() {
        return name;
    }

    /** DL4J's parameter key of the weight ({@code W}, {@code b}, {@code gamma}, {@code mean}...). */
    public String dl4jKey() {
        return dl4jKey;
    }

    /**
     * Whether training changes the weight through its gradient (Keras's {@code trainable_weights}), so that the
     * optimizer keeps state for it; false for statistics such as BatchNormalization's moving mean.
     */
    public boolean trainable() {
        return trainable;
    }

    /** This weight, but not trainable (Keras's {@code non_trainable_weights}); same names and layout. */
    public KerasWeight nonTrainable() {
        KerasWeight layout = this;
        return new KerasWeight(name, dl4jKey, false) {
            @Override
            public INDArray toKeras(INDArray param) {
                return layout.toKeras(param);
            }

            @Override
            public void assign(INDArray param, INDArray value, Layer layer) {
                layout.assign(param, value, layer);
            }
        };
    }

    /** A copy of DL4J's parameter in Keras's shape and layout (Keras's {@code get_weights()} returns copies too). */
    public abstract INDArray toKeras(INDArray param);

    /**
     * Sets DL4J's parameter from Keras's array, after checking its shape.
     *
     * @throws IllegalArgumentException naming the weight, the layer and both shapes
     */
    public abstract void assign(INDArray param, INDArray value, Layer layer);

    private static IllegalArgumentException shapeError(String weight, String expected, INDArray value, Layer layer) {
        return new IllegalArgumentException("weight '" + weight + "' of layer " + layer + " has shape " + expected
                + " but the value given has shape " + Arrays.toString(value.shape()));
    }

    @Override
    public String toString() {
        return name + " (DL4J " + dl4jKey + (trainable ? "" : ", not trainable") + ")";
    }
}
