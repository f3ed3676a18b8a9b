package io.github.keras4j.keras;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A new HDF5 file written as h5py writes Keras's files, over the same HDF5 C library as {@link KerasH5File} (and
 * under its lock): groups, contiguous little-endian datasets ({@code float32}, {@code float64}, {@code int64},
 * scalars included), and the attribute kinds Keras stores, each as h5py stores the Python value Keras gives it:
 * <ul>
 * <li>{@link #text}: a {@code str} (variable-length UTF-8) or {@code bytes} (variable-length ASCII), one scalar;</li>
 * <li>{@link #names}: a list of {@code bytes} ({@code layer_names}, {@code weight_names}), a 1-D array of
 * variable-length ASCII strings;</li>
 * <li>{@link #emptyList}: an empty list, which h5py stores as an empty {@code float64} array.</li>
 * </ul>
 * Paths are absolute HDF5 paths ("/" is the root); groups are created explicitly, parents first, as Keras does.
 * Failures become {@link IllegalStateException}s naming the file and the object.
 */
final class KerasH5Writer implements AutoCloseable {

    /** How h5py stores a Python string attribute: {@code str} as UTF-8, {@code bytes} as ASCII. */
    enum Text {
        /** A Python {@code str}: variable-length UTF-8. */
        STR,
        /** Python {@code bytes} ({@code json.dumps(...).encode("utf8")}): variable-length ASCII. */
        BYTES
    }

    private final Path path;
    private long file;

    private KerasH5Writer(Path path, long file) {
        this.path = path;
        this.file = file;
    }

    /** Creates {@code path}, which must not exist yet (callers write a new temporary file, then move it). */
    static KerasH5Writer create(Path path) {
        synchronized (NativeH5File.LOCK) {
            NativeH5File.initialize();
            long id = H5Fcreate(path.toAbsolutePath().toString(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT);
            if (id < 0) {
                throw new IllegalStateException("cannot create the HDF5 file " + path);
            }
            return new KerasH5Writer(path, id);
        }
    }

    /** Creates the group {@code groupPath}; its parent must exist. */
    void group(String groupPath) {
        synchronized (NativeH5File.LOCK) {
            H5Gclose(check(H5Gcreate2(open(), groupPath, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create group",
                    groupPath));
        }
    }

    /** A dataset holding {@code values} in their shape (rank 0: a scalar), as {@code float32} or {@code float64}. */
    void dataset(String datasetPath, INDArray values) {
        INDArray data = values.dup('c');
        long[] shape = data.shape();
        if (data.dataType() == DataType.FLOAT) {
            float[] floats = data.length() == 0 ? new float[0] : data.data().asFloat();
            write(datasetPath, shape, H5T_IEEE_F32LE_g(), H5T_NATIVE_FLOAT_g(), new FloatPointer(floats));
        } else if (data.dataType() == DataType.DOUBLE) {
            double[] doubles = data.length() == 0 ? new double[0] : data.data().asDouble();
            write(datasetPath, shape, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), new DoublePointer(doubles));
        } else {
            throw new IllegalArgumentException("Keras stores float32 or float64 weights, not " + data.dataType()
                    + " (" + datasetPath + ")");
        }
    }

    /** A scalar {@code int64} dataset (the optimizer's iteration count). */
    void scalar(String datasetPath, long value) {
        write(datasetPath, new long[0], H5T_STD_I64LE_g(), H5T_NATIVE_INT64_g(), new LongPointer(new long[] {value}));
    }

    private void write(String datasetPath, long[] shape, long fileType, long memoryType, Pointer data) {
        synchronized (NativeH5File.LOCK) {
            long space = shape.length == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(shape.length, shape, null);
            check(space, "describe the shape of", datasetPath);
            try {
                long dataset = check(H5Dcreate2(open(), datasetPath, fileType, space, H5P_DEFAULT, H5P_DEFAULT,
                        H5P_DEFAULT), "create dataset", datasetPath);
                try {
                    check(H5Dwrite(dataset, memoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write dataset",
                            datasetPath);
                } finally {
                    H5Dclose(dataset);
                }
            } finally {
                H5Sclose(space);
            }
        }
    }

    /** A scalar string attribute, stored as h5py stores a Python {@code str} or {@code bytes}. */
    void text(String objectPath, String name, String value, Text kind) {
        strings(objectPath, name, List.of(value), kind, true);
    }

    /** A list-of-names attribute (a list of Python {@code bytes}): a 1-D array of variable-length ASCII strings. */
    void names(String objectPath, String name, List<String> values) {
        if (values.isEmpty()) {
            emptyList(objectPath, name);
        } else {
            strings(objectPath, name, values, Text.BYTES, false);
        }
    }

    /** An empty list attribute, which h5py stores as an empty {@code float64} array of shape (0,). */
    void emptyList(String objectPath, String name) {
        synchronized (NativeH5File.LOCK) {
            long space = check(H5Screate_simple(1, new long[] {0}, null), "describe", name);
            try {
                long attribute = createAttribute(objectPath, name, H5T_IEEE_F64LE_g(), space);
                H5Aclose(attribute);
            } finally {
                H5Sclose(space);
            }
        }
    }

    private void strings(String objectPath, String name, List<String> values, Text kind, boolean scalar) {
        synchronized (NativeH5File.LOCK) {
            long type = check(H5Tcopy(H5T_C_S1_g()), "create the string type of", name);
            long space = -1;
            try {
                check(H5Tset_size(type, H5T_VARIABLE()), "size the string type of", name);
                check(H5Tset_cset(type, kind == Text.STR ? H5T_CSET_UTF8 : H5T_CSET_ASCII), "set the character set of",
                        name);
                check(H5Tset_strpad(type, H5T_STR_NULLTERM), "set the padding of", name);
                space = check(scalar ? H5Screate(H5S_SCALAR)
                        : H5Screate_simple(1, new long[] {values.size()}, null), "describe", name);
                BytePointer[] texts = new BytePointer[values.size()];
                for (int i = 0; i < texts.length; i++) {
                    String value = values.get(i);
                    if (kind == Text.BYTES && !StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
                        throw new IllegalArgumentException("'" + value + "' is not ASCII, which Keras's " + name
                                + " must be");
                    }
                    texts[i] = new BytePointer(value, StandardCharsets.UTF_8);
                }
                PointerPointer<BytePointer> pointers = new PointerPointer<>(texts);
                long attribute = createAttribute(objectPath, name, type, space);
                try {
                    check(H5Awrite(attribute, type, pointers), "write attribute", name);
                } finally {
                    H5Aclose(attribute);
                }
            } finally {
                if (space >= 0) {
                    H5Sclose(space);
                }
                H5Tclose(type);
            }
        }
    }

    private long createAttribute(String objectPath, String name, long type, long space) {
        long object = check(H5Oopen(open(), objectPath, H5P_DEFAULT), "open", objectPath);
        try {
            return check(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT), "create attribute "
                    + name + " of", objectPath);
        } finally {
            H5Oclose(object);
        }
    }

    @Override
    public void close() {
        synchronized (NativeH5File.LOCK) {
            if (file >= 0) {
                long closing = file;
                file = -1;
                check(H5Fclose(closing), "close", path.toString());
            }
        }
    }

    private long open() {
        if (file < 0) {
            throw new IllegalStateException(path + " is closed");
        }
        return file;
    }

    private long check(long status, String action, String what) {
        if (status < 0) {
            throw new IllegalStateException("cannot " + action + " " + what + " in the HDF5 file " + path);
        }
        return status;
    }
}
