package io.github.keras4j.keras;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.hdf5.H5G_info_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Keras HDF5 file opened read-only: the attributes (strings and string lists), groups and datasets that Keras
 * writes, over the HDF5 C library (JavaCPP's bindings). Paths are HDF5 paths from the file's root ("" or "/" is
 * the root). The HDF5 library is not thread-safe, so every call holds one lock; its own error printing is switched
 * off, and every failure becomes an {@link IllegalArgumentException} that names the file and what was read.
 */
final class KerasH5File implements AutoCloseable {

    /** The 8 bytes every HDF5 file Keras writes starts with. */
    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** The HDF5 library is not thread-safe: every call into it, reading or writing, holds this lock. */
    static final Object LOCK = new Object();
    private static boolean initialized;

    private final Path path;
    private long file;

    private KerasH5File(Path path, long file) {
        this.path = path;
        this.file = file;
    }

    /**
     * Opens {@code path} for reading.
     *
     * @param expected what the caller expected the file to be, for the error message
     */
    static KerasH5File open(Path path, String expected) {
        synchronized (LOCK) {
            initialize();
            long id;
            try {
                id = H5Fopen(path.toAbsolutePath().toString(), H5F_ACC_RDONLY(), H5P_DEFAULT());
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalArgumentException(path + " could not be opened as " + expected + ": " + e, e);
            }
            if (id < 0) {
                throw new IllegalArgumentException(path + " is not a readable HDF5 file: it starts like one but the "
                        + "HDF5 library cannot open it (truncated or damaged?); expected " + expected);
            }
            return new KerasH5File(path, id);
        }
    }

    /** Loads the HDF5 library once; call with {@link #LOCK} held. */
    static void initialize() {
        if (initialized) {
            return;
        }
        try {
            Loader.load(org.bytedeco.hdf5.global.hdf5.class);
            H5open();
            // Errors come back as return codes, turned into our messages; the library's stack dump on stderr is noise.
            H5Eset_auto2(H5E_DEFAULT(), null, null);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("the HDF5 library (org.bytedeco:hdf5) could not be loaded: " + e, e);
        }
        initialized = true;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (file >= 0) {
                H5Fclose(file);
                file = -1;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // structure

    /** Whether a link (group or dataset) exists at {@code objectPath}, every parent included. */
    boolean exists(String objectPath) {
        synchronized (LOCK) {
            if (isRoot(objectPath)) {
                return true;
            }
            StringBuilder prefix = new StringBuilder();
            for (String part : objectPath.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                prefix.append(prefix.length() == 0 ? "" : "/").append(part);
                if (H5Lexists(openFile(), prefix.toString(), H5P_DEFAULT()) <= 0) {
                    return false;
                }
            }
            return true;
        }
    }

    boolean isGroup(String objectPath) {
        return objectType(objectPath) == H5I_GROUP;
    }

    boolean isDataset(String objectPath) {
        return objectType(objectPath) == H5I_DATASET;
    }

    private int objectType(String objectPath) {
        synchronized (LOCK) {
            if (!exists(objectPath)) {
                return -1;
            }
            long object = H5Oopen(openFile(), name(objectPath), H5P_DEFAULT());
            if (object < 0) {
                return -1;
            }
            try {
                return H5Iget_type(object);
            } finally {
                H5Oclose(object);
            }
        }
    }

    /** The names of a group's members, in the file's name order. */
    List<String> members(String groupPath) {
        synchronized (LOCK) {
            long group = check(H5Gopen2(openFile(), name(groupPath), H5P_DEFAULT()), "open group", groupPath);
            try {
                H5G_info_t info = new H5G_info_t();
                check(H5Gget_info(group, info), "list group", groupPath);
                List<String> names = new ArrayList<>();
                for (long i = 0; i < info.nlinks(); i++) {
                    long length = check(H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, (BytePointer) null,
                            0, H5P_DEFAULT()), "list group", groupPath);
                    BytePointer buffer = new BytePointer(length + 1);
                    check(H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, buffer, length + 1,
                            H5P_DEFAULT()), "list group", groupPath);
                    byte[] bytes = new byte[(int) length];
                    buffer.get(bytes);
                    names.add(new String(bytes, StandardCharsets.UTF_8));
                }
                return names;
            } finally {
                H5Gclose(group);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // attributes

    boolean hasAttribute(String objectPath, String attribute) {
        synchronized (LOCK) {
            if (!exists(objectPath)) {
                return false;
            }
            long object = check(H5Oopen(openFile(), name(objectPath), H5P_DEFAULT()), "open", objectPath);
            try {
                return H5Aexists(object, attribute) > 0;
            } finally {
                H5Oclose(object);
            }
        }
    }

    /** A text attribute (Keras writes JSON configs and versions as one fixed- or variable-length string). */
    String stringAttribute(String objectPath, String attribute) {
        List<String> values = stringsAttribute(objectPath, attribute);
        if (values.size() != 1) {
            throw new IllegalArgumentException(path + ": attribute " + attribute + " of " + display(objectPath)
                    + " holds " + values.size() + " strings, expected one");
        }
        return values.get(0);
    }

    /**
     * A list-of-names attribute ({@code layer_names}, {@code weight_names}). Keras writes an empty list as an empty
     * float array, which reads as an empty list.
     */
    List<String> stringsAttribute(String objectPath, String attribute) {
        synchronized (LOCK) {
            String what = "attribute " + attribute + " of " + display(objectPath);
            if (!hasAttribute(objectPath, attribute)) {
                throw new IllegalArgumentException(path + ": no " + what);
            }
            long object = check(H5Oopen(openFile(), name(objectPath), H5P_DEFAULT()), "open", objectPath);
            long attr = -1;
            long type = -1;
            long space = -1;
            try {
                attr = check(H5Aopen(object, attribute, H5P_DEFAULT()), "open", what);
                type = check(H5Aget_type(attr), "read the type of", what);
                space = check(H5Aget_space(attr), "read the shape of", what);
                int count = (int) H5Sget_simple_extent_npoints(space);
                if (H5Tget_class(type) != H5T_STRING) {
                    if (count == 0) {
                        return List.of();
                    }
                    throw new IllegalArgumentException(path + ": " + what + " is not text");
                }
                return H5Tis_variable_str(type) > 0 ? variableStrings(attr, type, count, what)
                        : fixedStrings(attr, type, count, what);
            } finally {
                if (space >= 0) {
                    H5Sclose(space);
                }
                if (type >= 0) {
                    H5Tclose(type);
                }
                if (attr >= 0) {
                    H5Aclose(attr);
                }
                H5Oclose(object);
            }
        }
    }

    private List<String> fixedStrings(long attr, long type, int count, String what) {
        int size = (int) H5Tget_size(type);
        BytePointer buffer = new BytePointer((long) size * count);
        check(H5Aread(attr, type, buffer), "read", what);
        byte[] bytes = new byte[size * count];
        buffer.get(bytes);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int end = i * size;
            while (end < (i + 1) * size && bytes[end] != 0) {
                end++;
            }
            values.add(new String(bytes, i * size, end - i * size, StandardCharsets.UTF_8));
        }
        return values;
    }

    private List<String> variableStrings(long attr, long type, int count, String what) {
        long memoryType = H5Tcopy(H5T_C_S1_g());
        try {
            H5Tset_size(memoryType, H5T_VARIABLE());
            // HDF5 converts no ASCII string to UTF-8 or back: read in the file's own character set (both decode as UTF-8).
            H5Tset_cset(memoryType, H5Tget_cset(type));
            PointerPointer<BytePointer> pointers = new PointerPointer<>(count);
            check(H5Aread(attr, memoryType, pointers), "read", what);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                BytePointer value = pointers.get(BytePointer.class, i);
                values.add(value == null ? "" : value.getString(StandardCharsets.UTF_8));
            }
            long space = H5Screate_simple(1, new long[] {count}, null);
            H5Treclaim(memoryType, space, H5P_DEFAULT(), pointers);
            H5Sclose(space);
            return values;
        } finally {
            H5Tclose(memoryType);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // datasets

    /** A dataset as an ND4J array of its shape: float32 stays FLOAT, other floats become DOUBLE, integers LONG. */
    INDArray dataset(String datasetPath) {
        synchronized (LOCK) {
            String what = "dataset " + display(datasetPath);
            if (!isDataset(datasetPath)) {
                throw new IllegalArgumentException(path + ": no " + what);
            }
            long dataset = check(H5Dopen2(openFile(), name(datasetPath), H5P_DEFAULT()), "open", what);
            long type = -1;
            long space = -1;
            try {
                type = check(H5Dget_type(dataset), "read the type of", what);
                space = check(H5Dget_space(dataset), "read the shape of", what);
                int rank = check(H5Sget_simple_extent_ndims(space), "read the shape of", what);
                long[] shape = new long[rank];
                if (rank > 0) {
                    check(H5Sget_simple_extent_dims(space, shape, null), "read the shape of", what);
                }
                long length = Arrays.stream(shape).reduce(1, Math::multiplyExact);
                int typeClass = H5Tget_class(type);
                if (typeClass == H5T_FLOAT && H5Tget_size(type) == 4) {
                    float[] values = new float[Math.toIntExact(length)];
                    FloatPointer buffer = new FloatPointer(length);
                    check(H5Dread(dataset, H5T_NATIVE_FLOAT_g(), H5S_ALL(), H5S_ALL(), H5P_DEFAULT(), buffer), "read", what);
                    buffer.get(values);
                    return Nd4j.create(values, shape, DataType.FLOAT);
                }
                if (typeClass == H5T_FLOAT) {
                    double[] values = new double[Math.toIntExact(length)];
                    DoublePointer buffer = new DoublePointer(length);
                    check(H5Dread(dataset, H5T_NATIVE_DOUBLE_g(), H5S_ALL(), H5S_ALL(), H5P_DEFAULT(), buffer), "read", what);
                    buffer.get(values);
                    return Nd4j.create(values, shape, DataType.DOUBLE);
                }
                if (typeClass == H5T_INTEGER) {
                    long[] values = new long[Math.toIntExact(length)];
                    LongPointer buffer = new LongPointer(length);
                    check(H5Dread(dataset, H5T_NATIVE_INT64_g(), H5S_ALL(), H5S_ALL(), H5P_DEFAULT(), buffer), "read", what);
                    buffer.get(values);
                    return Nd4j.createFromArray(values).reshape(shape);
                }
                throw new IllegalArgumentException(path + ": " + what + " holds neither numbers nor integers");
            } finally {
                if (space >= 0) {
                    H5Sclose(space);
                }
                if (type >= 0) {
                    H5Tclose(type);
                }
                H5Dclose(dataset);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // plumbing

    private long openFile() {
        if (file < 0) {
            throw new IllegalStateException(path + " is closed");
        }
        return file;
    }

    private long check(long status, String action, String what) {
        if (status < 0) {
            throw new IllegalArgumentException(path + ": cannot " + action + " " + what
                    + " (the HDF5 file is damaged or not what Keras writes)");
        }
        return status;
    }

    private int check(int status, String action, String what) {
        return (int) check((long) status, action, what);
    }

    private static boolean isRoot(String objectPath) {
        return objectPath.isEmpty() || objectPath.equals("/");
    }

    private static String name(String objectPath) {
        return isRoot(objectPath) ? "/" : objectPath;
    }

    private static String display(String objectPath) {
        return isRoot(objectPath) ? "the file's root" : "'" + objectPath + "'";
    }
}
