package io.github.keras4j.keras;

import static org.bytedeco.hdf5.global.hdf5.*;

import io.github.keras4j.internal.FileLimits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.hdf5.H5G_info_t;
import org.bytedeco.hdf5.H5L_info2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * An HDF5 file opened read-only over the HDF5 C library (JavaCPP's bindings): the attributes (strings and string
 * lists), groups and datasets that Keras writes, each checked before it is read. It runs in the HDF5 helper process
 * ({@link Hdf5Helper}; {@link NativeH5File} is what the rest of keras4j uses), since a damaged file can make the
 * library loop or crash. Paths are HDF5 paths from the file's root ("" or "/" is the root). The library is not
 * thread-safe, so every call holds one lock; its own error printing is switched off, and every failure becomes an
 * {@link IllegalArgumentException} that names the file and what was read.
 */
final class NativeH5File implements H5Access {
    /** The HDF5 library is not thread-safe: every call into it, reading or writing (KerasH5Writer), holds this. */
    /** The HDF5 library is not thread-safe: every call into it, reading (here) or writing (KerasH5Writer), holds this lock. */
    static final Object LOCK = new Object();
    private static final long MAX_MEMBERS = H5Access.MAX_MEMBERS;
    private static final long MAX_STRINGS = H5Access.MAX_STRINGS;
    private static final long MAX_NAME_BYTES = H5Access.MAX_NAME_BYTES;
    private static boolean initialized;

    private final Path path;
    private long file;

    private NativeH5File(Path path, long file) {
        this.path = path;
        this.file = file;
    }

    /**
     * Opens {@code path} for reading.
     *
     * @param expected what the caller expected the file to be, for the error message
     */
    static NativeH5File open(Path path, String expected) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " is not a regular file; expected " + expected);
        }
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
            return new NativeH5File(path, id);
        }
    }

    /** Loads the HDF5 library and switches its error printing off (once). */
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

    @Override
    public Path path() {
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

    /**
     * Whether a link (group or dataset) exists at {@code objectPath}, every parent included. Every link on the way
     * must be a hard link: Keras never writes soft or external links, and following an external link would open
     * another file (a FIFO would hang the read).
     */
    @Override
    public boolean exists(String objectPath) {
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
                String link = prefix.toString();
                if (H5Lexists(openFile(), link, H5P_DEFAULT()) <= 0) {
                    return false;
                }
                H5L_info2_t info = new H5L_info2_t();
                check(H5Lget_info2(openFile(), link, info, H5P_DEFAULT()), "read the link", "'" + link + "'");
                if (info.type() != H5L_TYPE_HARD) {
                    String kind = info.type() == H5L_TYPE_EXTERNAL ? "an external link (to another file)"
                            : info.type() == H5L_TYPE_SOFT ? "a soft link" : "a user-defined link";
                    throw new IllegalArgumentException(path + ": '" + link + "' is " + kind + ", which Keras never "
                            + "writes; keras4j reads only objects inside the file and refuses links");
                }
            }
            return true;
        }
    }

    private void requireExists(String objectPath, String what) {
        if (!exists(objectPath)) {
            throw new IllegalArgumentException(path + ": no " + what);
        }
    }

    @Override
    public int objectKind(String objectPath) {
        synchronized (LOCK) {
            if (!exists(objectPath)) {
                return NONE;
            }
            long object = H5Oopen(openFile(), name(objectPath), H5P_DEFAULT());
            if (object < 0) {
                return NONE;
            }
            try {
                int type = H5Iget_type(object);
                return type == H5I_GROUP ? GROUP : type == H5I_DATASET ? DATASET : OTHER;
            } finally {
                H5Oclose(object);
            }
        }
    }

    @Override
    public List<String> members(String groupPath) {
        synchronized (LOCK) {
            requireExists(groupPath, "group " + display(groupPath));
            long group = check(H5Gopen2(openFile(), name(groupPath), H5P_DEFAULT()), "open", groupName(groupPath));
            try {
                H5G_info_t info = new H5G_info_t();
                check(H5Gget_info(group, info), "list", groupName(groupPath));
                if (info.nlinks() > MAX_MEMBERS) {
                    throw new IllegalArgumentException(path + ": group " + display(groupPath) + " has "
                            + info.nlinks() + " members, more than the " + MAX_MEMBERS + " keras4j reads");
                }
                List<String> names = new ArrayList<>();
                long total = 0;
                for (long i = 0; i < info.nlinks(); i++) {
                    long length = check(H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, (BytePointer) null,
                            0, H5P_DEFAULT()), "list", groupName(groupPath));
                    if (length > MAX_NAME_BYTES) {
                        throw new IllegalArgumentException(path + ": group " + display(groupPath) + " has a member "
                                + "whose name has " + length + " bytes");
                    }
                    BytePointer buffer = new BytePointer(length + 1);
                    check(H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, buffer, length + 1,
                            H5P_DEFAULT()), "list", groupName(groupPath));
                    total += length;
                    if (total > Hdf5Wire.MAX_LIST_BYTES) {
                        throw new IllegalArgumentException(path + ": group " + display(groupPath) + " has more than "
                                + FileLimits.bytes(Hdf5Wire.MAX_LIST_BYTES) + " of member names");
                    }
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

    /**
     * Whether the object has the attribute, whole or in Keras 2's numbered chunks ({@code layer_names0},
     * {@code layer_names1}..., which Keras writes when a list exceeds HDF5's 64 KB header limit).
     */
    @Override
    public boolean hasAttribute(String objectPath, String attribute) {
        synchronized (LOCK) {
            if (!exists(objectPath)) {
                return false;
            }
            long object = check(H5Oopen(openFile(), name(objectPath), H5P_DEFAULT()), "open", display(objectPath));
            try {
                return H5Aexists(object, attribute) > 0 || H5Aexists(object, attribute + "0") > 0;
            } finally {
                H5Oclose(object);
            }
        }
    }

    /**
     * A list-of-names attribute ({@code layer_names}, {@code weight_names}), whole or in Keras 2's numbered chunks.
     * Every encoding Keras has written reads: fixed-length strings (NumPy's {@code S}, null- or space-padded) and
     * variable-length ones, ASCII or UTF-8, one string or an array. Keras writes an empty list as an empty float
     * array, which reads as an empty list.
     */
    @Override
    public List<String> stringsAttribute(String objectPath, String attribute) {
        synchronized (LOCK) {
            String what = "attribute " + attribute + " of " + display(objectPath);
            if (!hasAttribute(objectPath, attribute)) {
                throw new IllegalArgumentException(path + ": no " + what);
            }
            long object = check(H5Oopen(openFile(), name(objectPath), H5P_DEFAULT()), "open", display(objectPath));
            try {
                if (H5Aexists(object, attribute) > 0) {
                    return readStrings(object, attribute, what);
                }
                List<String> values = new ArrayList<>();
                long characters = 0;
                for (int chunk = 0; H5Aexists(object, attribute + chunk) > 0; chunk++) {
                    List<String> part = readStrings(object, attribute + chunk, "attribute " + attribute + chunk
                            + " of " + display(objectPath));
                    values.addAll(part);
                    for (String value : part) {
                        characters += value.length();
                    }
                    if (values.size() > MAX_STRINGS) {
                        throw new IllegalArgumentException(path + ": " + what + " holds more than " + MAX_STRINGS
                                + " strings");
                    }
                    // Each chunk is capped on its own; together they must still fit one answer of the helper.
                    if (characters > FileLimits.MAX_JSON_BYTES) {
                        throw new IllegalArgumentException(path + ": " + what + " holds more than "
                                + FileLimits.bytes(FileLimits.MAX_JSON_BYTES) + " of text");
                    }
                }
                return values;
            } finally {
                H5Oclose(object);
            }
        }
    }

    private List<String> readStrings(long object, String attribute, String what) {
        long attr = -1;
        long type = -1;
        long space = -1;
        try {
            attr = check(H5Aopen(object, attribute, H5P_DEFAULT()), "open", what);
            type = check(H5Aget_type(attr), "read the type of", what);
            space = check(H5Aget_space(attr), "read the shape of", what);
            long count = H5Sget_simple_extent_npoints(space);
            if (count < 0 || count > MAX_STRINGS) {
                throw new IllegalArgumentException(path + ": " + what + " holds " + count + " values, more than the "
                        + MAX_STRINGS + " keras4j reads");
            }
            if (H5Tget_class(type) != H5T_STRING) {
                if (count == 0) {
                    return List.of();
                }
                throw new IllegalArgumentException(path + ": " + what + " is not text");
            }
            return H5Tis_variable_str(type) > 0 ? variableStrings(attr, type, (int) count, what)
                    : fixedStrings(attr, type, (int) count, what);
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
        }
    }

    private List<String> fixedStrings(long attr, long type, int count, String what) {
        long size = H5Tget_size(type);
        long total = size * count;
        if (size <= 0 || size > FileLimits.MAX_JSON_BYTES || total > FileLimits.MAX_JSON_BYTES
                || total > H5Aget_storage_size(attr)) {
            throw new IllegalArgumentException(path + ": " + what + " declares " + count + " strings of " + size
                    + " bytes, which its " + H5Aget_storage_size(attr) + " stored bytes do not hold");
        }
        BytePointer buffer = new BytePointer(Math.max(1, total));
        check(H5Aread(attr, type, buffer), "read", what);
        byte[] bytes = new byte[(int) total];
        buffer.get(bytes);
        boolean spacePadded = H5Tget_strpad(type) == H5T_STR_SPACEPAD;
        List<String> values = new ArrayList<>();
        int width = (int) size;
        for (int i = 0; i < count; i++) {
            int start = i * width;
            int end = start;
            while (end < start + width && bytes[end] != 0) {
                end++;
            }
            while (spacePadded && end > start && bytes[end - 1] == ' ') {
                end--;
            }
            values.add(text(bytes, start, end - start, what));
        }
        return values;
    }

    private List<String> variableStrings(long attr, long type, int count, String what) {
        long memoryType = H5Tcopy(H5T_C_S1_g());
        try {
            H5Tset_size(memoryType, H5T_VARIABLE());
            // HDF5 converts no ASCII string to UTF-8 or back: read in the file's own character set (both decode as UTF-8).
            H5Tset_cset(memoryType, H5Tget_cset(type));
            PointerPointer<BytePointer> pointers = new PointerPointer<>(Math.max(1, count));
            check(H5Aread(attr, memoryType, pointers), "read", what);
            List<String> values = new ArrayList<>();
            long space = H5Screate_simple(1, new long[] {count}, null);
            try {
                long total = 0;
                for (int i = 0; i < count; i++) {
                    BytePointer value = pointers.get(BytePointer.class, i);
                    if (value == null) {
                        values.add("");
                        continue;
                    }
                    long length = strlen(value);
                    total += length;
                    if (total > FileLimits.MAX_JSON_BYTES) {
                        throw new IllegalArgumentException(path + ": " + what + " holds more than "
                                + FileLimits.bytes(FileLimits.MAX_JSON_BYTES) + " of text");
                    }
                    byte[] bytes = new byte[(int) length];
                    value.get(bytes);
                    values.add(text(bytes, 0, bytes.length, what));
                }
            } finally {
                if (count > 0) {
                    H5Treclaim(memoryType, space, H5P_DEFAULT(), pointers);
                }
                H5Sclose(space);
            }
            return values;
        } finally {
            H5Tclose(memoryType);
        }
    }

    private static long strlen(BytePointer value) {
        long length = 0;
        while (value.get(length) != 0 && length <= FileLimits.MAX_JSON_BYTES) {
            length++;
        }
        return length;
    }

    /** UTF-8 (ASCII is a part of it); bytes that are not UTF-8 are an error rather than replacement characters. */
    private String text(byte[] bytes, int offset, int length, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(path + ": " + what + " is not UTF-8 text");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // datasets

    /**
     * The shape of a dataset, after the checks every dataset read passes: inside the file (no external storage, no
     * virtual dataset, no links), numbers (floats of 2, 4 or 8 bytes, integers), at most
     * {@link FileLimits#MAX_RANK} dimensions, and its data present in the file.
     */
    @Override
    public long[] datasetShape(String datasetPath) {
        synchronized (LOCK) {
            try (Dataset dataset = openDataset(datasetPath)) {
                return dataset.shape;
            }
        }
    }

    @Override
    public H5Array dataset(String datasetPath, long[] expectedShape) {
        try (NativeValues values = read(datasetPath, expectedShape)) {
            int length = (int) values.length();
            return switch (values.kind()) {
                case H5Array.FLOAT -> {
                    float[] floats = new float[length];
                    new FloatPointer(values.data()).get(floats);
                    yield new H5Array(values.shape(), floats);
                }
                case H5Array.DOUBLE -> {
                    double[] doubles = new double[length];
                    new DoublePointer(values.data()).get(doubles);
                    yield new H5Array(values.shape(), doubles);
                }
                default -> {
                    long[] longs = new long[length];
                    new LongPointer(values.data()).get(longs);
                    yield new H5Array(values.shape(), longs);
                }
            };
        }
    }

    /**
     * A dataset's values in native memory, read only when its shape is {@code expectedShape} (null: any shape): a
     * file that declares a larger array than the model holds is refused before anything is allocated for it.
     * float32 (and float16) read as {@link H5Array#FLOAT}, other floats as {@link H5Array#DOUBLE}, integers as
     * {@link H5Array#LONG}. The caller closes it.
     */
    NativeValues read(String datasetPath, long[] expectedShape) {
        synchronized (LOCK) {
            try (Dataset dataset = openDataset(datasetPath)) {
                long[] shape = dataset.shape;
                if (expectedShape != null && !Arrays.equals(shape, expectedShape)) {
                    throw new IllegalArgumentException(path + ": " + dataset.what + " has shape "
                            + Arrays.toString(shape) + ", expected " + Arrays.toString(expectedShape));
                }
                long length = dataset.length;
                if (dataset.typeClass == H5T_FLOAT && dataset.typeSize <= 4) {
                    FloatPointer buffer = new FloatPointer(Math.max(1, length));
                    return readInto(dataset, H5T_NATIVE_FLOAT_g(), buffer, H5Array.FLOAT, Float.BYTES);
                }
                if (dataset.typeClass == H5T_FLOAT) {
                    DoublePointer buffer = new DoublePointer(Math.max(1, length));
                    return readInto(dataset, H5T_NATIVE_DOUBLE_g(), buffer, H5Array.DOUBLE, Double.BYTES);
                }
                LongPointer buffer = new LongPointer(Math.max(1, length));
                return readInto(dataset, H5T_NATIVE_INT64_g(), buffer, H5Array.LONG, Long.BYTES);
            }
        }
    }

    private NativeValues readInto(Dataset dataset, long memoryType, Pointer buffer, byte kind, int elementBytes) {
        try {
            check(H5Dread(dataset.id, memoryType, H5S_ALL(), H5S_ALL(), H5P_DEFAULT(), buffer), "read", dataset.what);
            return new NativeValues(kind, dataset.shape, dataset.length, buffer, dataset.length * elementBytes);
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
    }

    /** A dataset's values in native memory: {@code bytes} bytes of {@code length} elements of {@code kind}. */
    record NativeValues(byte kind, long[] shape, long length, Pointer data, long bytes) implements AutoCloseable {
        @Override
        public void close() {
            data.close();
        }
    }

    /** An open dataset with its checked shape and type. */
    private final class Dataset implements AutoCloseable {
        final String what;
        final long id;
        long type = -1;
        long space = -1;
        long plist = -1;
        long[] shape;
        long length;
        int typeClass;
        long typeSize;

        Dataset(String what, long id) {
            this.what = what;
            this.id = id;
        }

        @Override
        public void close() {
            if (plist >= 0) {
                H5Pclose(plist);
            }
            if (space >= 0) {
                H5Sclose(space);
            }
            if (type >= 0) {
                H5Tclose(type);
            }
            H5Dclose(id);
        }
    }

    private Dataset openDataset(String datasetPath) {
        String what = "dataset " + display(datasetPath);
        if (objectKind(datasetPath) != DATASET) {
            throw new IllegalArgumentException(path + ": no " + what);
        }
        Dataset dataset = new Dataset(what, check(H5Dopen2(openFile(), name(datasetPath), H5P_DEFAULT()), "open",
                what));
        try {
            dataset.plist = check(H5Dget_create_plist(dataset.id), "read the storage of", what);
            int layout = H5Pget_layout(dataset.plist);
            if (layout == H5D_VIRTUAL) {
                throw new IllegalArgumentException(path + ": " + what + " is a virtual dataset (its data lives in "
                        + "other files); keras4j reads only data inside the file");
            }
            if (H5Pget_external_count(dataset.plist) != 0) {
                throw new IllegalArgumentException(path + ": " + what + " is stored in external files; keras4j "
                        + "reads only data inside the file (Keras never stores weights elsewhere)");
            }
            int filters = check(H5Pget_nfilters(dataset.plist), "read the filters of", what);
            for (int i = 0; i < filters; i++) {
                int[] flags = new int[1];
                int filter = H5Pget_filter2(dataset.plist, i, flags, new SizeTPointer(1).put(0), (int[]) null, 0,
                        (byte[]) null, (int[]) null);
                if (filter != H5Z_FILTER_DEFLATE && filter != H5Z_FILTER_SHUFFLE && filter != H5Z_FILTER_FLETCHER32) {
                    throw new IllegalArgumentException(path + ": " + what + " is compressed with HDF5 filter " + filter
                            + "; keras4j reads datasets stored plainly or with gzip (deflate), shuffle and fletcher32");
                }
            }
            dataset.type = check(H5Dget_type(dataset.id), "read the type of", what);
            dataset.typeClass = H5Tget_class(dataset.type);
            dataset.typeSize = H5Tget_size(dataset.type);
            boolean floating = dataset.typeClass == H5T_FLOAT
                    && (dataset.typeSize == 2 || dataset.typeSize == 4 || dataset.typeSize == 8);
            boolean integer = dataset.typeClass == H5T_INTEGER && dataset.typeSize >= 1 && dataset.typeSize <= 8;
            if (!floating && !integer) {
                throw new IllegalArgumentException(path + ": " + what + " holds neither numbers nor integers (HDF5 "
                        + "type class " + dataset.typeClass + " of " + dataset.typeSize + " bytes)");
            }
            dataset.space = check(H5Dget_space(dataset.id), "read the shape of", what);
            int spaceType = H5Sget_simple_extent_type(dataset.space);
            if (spaceType != H5S_SIMPLE && spaceType != H5S_SCALAR) {
                throw new IllegalArgumentException(path + ": " + what + " has no data (an empty HDF5 dataspace)");
            }
            int rank = check(H5Sget_simple_extent_ndims(dataset.space), "read the shape of", what);
            if (rank > FileLimits.MAX_RANK) {
                throw new IllegalArgumentException(path + ": " + what + " has " + rank + " dimensions, more than "
                        + "the " + FileLimits.MAX_RANK + " keras4j reads");
            }
            long[] shape = new long[rank];
            if (rank > 0) {
                check(H5Sget_simple_extent_dims(dataset.space, shape, null), "read the shape of", what);
            }
            dataset.shape = shape;
            dataset.length = FileLimits.elements(shape, path + ": " + what);
            long needed = dataset.length * dataset.typeSize;
            long stored = H5Dget_storage_size(dataset.id);
            // Unwritten chunks read as the fill value and a truncated file as an error: either way the declared
            // shape is not backed by data. Compressed chunks may hold up to deflate's ratio of about 1000:1.
            long plausible = filters == 0 ? stored : stored > Long.MAX_VALUE / 1100 ? Long.MAX_VALUE : stored * 1100;
            if (needed > 0 && plausible < needed) {
                throw new IllegalArgumentException(path + ": " + what + " declares shape " + Arrays.toString(shape)
                        + " (" + needed + " bytes) but the file stores only " + stored + " bytes for it");
            }
            if (layout == H5D_CONTIGUOUS && needed > 0) {
                long offset = H5Dget_offset(dataset.id);
                long[] fileSize = new long[1];
                check(H5Fget_filesize(openFile(), fileSize), "read the size of the file for", what);
                if (offset < 0 || offset + needed > fileSize[0]) {
                    throw new IllegalArgumentException(path + ": " + what + " declares " + needed + " bytes of data "
                            + "at offset " + offset + " but the file has only " + fileSize[0] + " bytes (truncated?)");
                }
            }
            return dataset;
        } catch (RuntimeException e) {
            dataset.close();
            throw e;
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

    private static String groupName(String groupPath) {
        return isRoot(groupPath) ? "the file's root group" : "group '" + groupPath + "'";
    }
}
