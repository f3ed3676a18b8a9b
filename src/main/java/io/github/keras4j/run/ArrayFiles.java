package io.github.keras4j.run;

import io.github.keras4j.Backend;
import io.github.keras4j.Model;
import io.github.keras4j.Shape;
import io.github.keras4j.data.NumpyFiles;
import io.github.keras4j.internal.ArrayInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where one data file of a run config takes its arrays from, when it is NumPy's rather than CSV: the arrays
 * {@code x} and {@code y} of an {@code .npz} archive ({@code np.savez(f, x=x, y=y)}), two arrays of one archive by
 * name ({@code x_train}, {@code y_train}), or two {@code .npy} files. The arrays may have any rank: feature vectors
 * {@code (samples, features)}, sequences {@code (samples, timesteps, features)}, token indices
 * {@code (samples, timesteps)} for an {@code Embedding}, images; of NumPy's float, integer or boolean types.
 *
 * @param xFile the file holding x
 * @param xArray x's name in its {@code .npz} archive, or null when {@code xFile} is a {@code .npy} file
 * @param yFile the file holding y
 * @param yArray y's name in its archive, or null for a {@code .npy} file
 */
public record ArrayFiles(Path xFile, String xArray, Path yFile, String yArray) {

    /** The arrays an {@code .npz} file given alone holds, as {@code np.savez(f, x=x, y=y)} names them. */
    public static final String X = "x";
    public static final String Y = "y";

    /** Whether a data path names NumPy's files ({@code .npy}, {@code .npz}) rather than CSV. */
    public static boolean isNumpy(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.endsWith(".npz") || name.endsWith(".npy");
    }

    /** The arrays {@code x} and {@code y} of one {@code .npz} archive. */
    public static ArrayFiles archive(Path npz, String x, String y) {
        return new ArrayFiles(npz, x, npz, y);
    }

    /**
     * Checked x and y, in the model's type; {@code y} one-hot encoded when the config asks, null where a file has none.
     */
    public record Data(INDArray x, INDArray y) {
    }

    /** x's name in errors: {@code datasets/parity_train.npz: array 'x'}. */
    String xWhat() {
        return what(xFile, xArray);
    }

    String yWhat() {
        return what(yFile, yArray);
    }

    private static String what(Path file, String array) {
        return array == null ? file.toString() : file + ": array '" + array + "'";
    }

    /**
     * Reads x and y and checks them against the model: x's shape against the model's input shape, y's sample count
     * against x's and its shape against the model's output (or, with {@code oneHot}, as class indices to encode), and
     * both for NaN and infinity; each error is one line naming the file, the array and the expected shape.
     *
     * @param oneHot the number of classes y's indices are encoded into, or null to take y as it is
     */
    public Data load(Model model, Integer oneHot, String dtype) {
        DataType type = Backend.toDataType(dtype);
        INDArray x = x(model, read(xFile, xArray), type);
        INDArray y = read(yFile, yArray);
        String yWhat = yWhat();
        if (y.rank() == 0) {
            throw new IllegalArgumentException(yWhat + " is a single number; it needs one label per sample of "
                    + xWhat());
        }
        if (y.size(0) != x.size(0)) {
            throw new IllegalArgumentException(xWhat() + " has " + x.size(0) + " samples but " + yWhat + " has "
                    + y.size(0) + ": every sample needs its label");
        }
        if (oneHot != null) {
            return new Data(x, oneHot(y, oneHot, yWhat, type));
        }
        if (y.rank() == 1) {
            // Keras takes labels of shape (samples,) for one output per sample.
            y = y.reshape(y.length(), 1);
        }
        Shape output = model.outputShape();
        long[] shape = y.shape();
        boolean fits = shape.length == output.rank() + 1;
        for (int axis = 0; fits && axis < output.rank(); axis++) {
            long size = shape[axis + 1];
            boolean last = axis == output.rank() - 1;
            // The last axis holds the output's units, or one class index for a sparse loss.
            fits = output.isKnown(axis) ? size == output.size(axis) || (last && size == 1)
                    : axis + 1 < x.rank() ? size == x.size(axis + 1) : size > 0;
        }
        if (!fits) {
            throw new IllegalArgumentException(yWhat + " has shape " + text(shape) + " but the model outputs "
                    + output + ": give labels of shape " + output.toString().replace("(None", "(" + x.size(0))
                    + " (or class indices, with 1 as the last size, for a sparse loss)");
        }
        return new Data(x, ArrayInput.checkedArray(yWhat, y, type));
    }

    /** Reads x alone (for predictions) and checks it against the model's input shape, as {@link #load} does. */
    public INDArray loadX(Model model, String dtype) {
        return x(model, read(xFile, xArray), Backend.toDataType(dtype));
    }

    private INDArray x(Model model, INDArray x, DataType type) {
        Shape input = model.inputShapeOf();
        long[] shape = x.shape();
        boolean fits = input.matches(shape) && shape[0] > 0 && Arrays.stream(shape).allMatch(size -> size > 0);
        if (!fits) {
            String expected = input.toString().replace("(None", "(samples");
            throw new IllegalArgumentException(xWhat() + " has shape " + text(shape) + " but the model takes input "
                    + "of shape " + input + " (the input of layer '" + model.layers().get(0).name() + "'): give x of "
                    + "shape " + expected);
        }
        return ArrayInput.checkedArray(xWhat(), x, type);
    }

    private static INDArray oneHot(INDArray y, int classes, String what, DataType type) {
        if (y.rank() > 2 || (y.rank() == 2 && y.size(1) != 1)) {
            throw new IllegalArgumentException(what + " has shape " + text(y.shape()) + " but data.one_hot encodes "
                    + "one class index per sample: give y of shape (samples,) or (samples, 1)");
        }
        double[] indices = ArrayInput.checkedArray(what, y, DataType.DOUBLE).reshape(y.size(0)).toDoubleVector();
        INDArray encoded = Nd4j.zeros(type, indices.length, classes);
        for (int sample = 0; sample < indices.length; sample++) {
            double index = indices[sample];
            if (index != Math.rint(index) || index < 0 || index >= classes) {
                throw new IllegalArgumentException(what + " sample " + sample + " is " + index + ", not a class index "
                        + "in [0, " + classes + ") for data.one_hot " + classes);
            }
            encoded.putScalar(sample, (long) index, 1.0);
        }
        return encoded;
    }

    private static INDArray read(Path file, String array) {
        if (!Files.isRegularFile(file)) {
            if (Files.exists(file)) {
                throw new IllegalArgumentException(file + " is not a regular file (a folder, a FIFO or a device); "
                        + "expected a NumPy file");
            }
            throw new MissingFileException("data file " + file + " does not exist");
        }
        return array == null ? NumpyFiles.load(file) : NumpyFiles.load(file, array);
    }

    /** A shape as NumPy prints it: {@code (100, 20, 1)}, {@code (100,)}. */
    static String text(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
