package io.github.keras4j.keras;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.bytedeco.hdf5.H5G_info_t;
import org.bytedeco.hdf5.H5O_info2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Everything an HDF5 file holds but the numbers, one line per object, sorted by path, for comparing a file keras4j
 * writes with one Keras wrote: each group; each dataset with its type (class, size, byte order, sign), shape and
 * storage layout; each attribute with its type (strings: fixed or variable length, ASCII or UTF-8, padding), its
 * shape and, for strings, its values.
 */
final class H5Layout {

    private H5Layout() {
    }

    /** The file's lines by path ({@code /group}, {@code /group/dataset}, {@code /group@attribute}). */
    static Map<String, String> of(Path path) {
        synchronized (NativeH5File.LOCK) {
            NativeH5File.initialize();
            long file = H5Fopen(path.toAbsolutePath().toString(), H5F_ACC_RDONLY, H5P_DEFAULT);
            if (file < 0) {
                throw new IllegalArgumentException("cannot open " + path);
            }
            try {
                Map<String, String> lines = new TreeMap<>();
                walk(file, "/", lines);
                return lines;
            } finally {
                H5Fclose(file);
            }
        }
    }

    /** {@link #of(Path)} with each line's path and text renamed (to compare files whose names differ by design). */
    static Map<String, String> of(Path path, UnaryOperator<String> rename) {
        Map<String, String> renamed = new TreeMap<>();
        of(path).forEach((key, line) -> renamed.put(rename.apply(key), rename.apply(line)));
        return renamed;
    }

    private static void walk(long file, String path, Map<String, String> lines) {
        H5O_info2_t info = new H5O_info2_t();
        check(H5Oget_info_by_name3(file, path, info, H5O_INFO_ALL, H5P_DEFAULT), path);
        long object = check(H5Oopen(file, path, H5P_DEFAULT), path);
        try {
            attributes(object, path, info.num_attrs(), lines);
            if (info.type() == H5O_TYPE_DATASET) {
                lines.put(path, "dataset " + path + " " + dataset(object));
                return;
            }
            lines.put(path, "group " + path);
            H5G_info_t group = new H5G_info_t();
            check(H5Gget_info(object, group), path);
            for (long i = 0; i < group.nlinks(); i++) {
                long length = H5Lget_name_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, (BytePointer) null, 0,
                        H5P_DEFAULT);
                BytePointer name = new BytePointer(length + 1);
                H5Lget_name_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, length + 1, H5P_DEFAULT);
                walk(file, (path.equals("/") ? "/" : path + "/") + text(name, length), lines);
            }
        } finally {
            H5Oclose(object);
        }
    }

    private static String dataset(long dataset) {
        long type = H5Dget_type(dataset);
        long space = H5Dget_space(dataset);
        long plist = H5Dget_create_plist(dataset);
        try {
            return type(type) + " " + shape(space) + (H5Pget_layout(plist) == H5D_CONTIGUOUS ? " contiguous"
                    : " layout " + H5Pget_layout(plist));
        } finally {
            H5Pclose(plist);
            H5Sclose(space);
            H5Tclose(type);
        }
    }

    private static void attributes(long object, String path, long count, Map<String, String> lines) {
        for (long i = 0; i < count; i++) {
            long attribute = check(H5Aopen_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT,
                    H5P_DEFAULT), path);
            long type = H5Aget_type(attribute);
            long space = H5Aget_space(attribute);
            try {
                long length = H5Aget_name(attribute, 0, (BytePointer) null);
                BytePointer name = new BytePointer(length + 1);
                H5Aget_name(attribute, length + 1, name);
                String key = path + "@" + text(name, length);
                String line = "attribute " + key + " " + type(type) + " " + shape(space);
                if (H5Tget_class(type) == H5T_STRING) {
                    line += " = " + strings(attribute, type, space);
                }
                lines.put(key, line);
            } finally {
                H5Sclose(space);
                H5Tclose(type);
                H5Aclose(attribute);
            }
        }
    }

    private static String type(long type) {
        int typeClass = H5Tget_class(type);
        long size = H5Tget_size(type);
        if (typeClass == H5T_STRING) {
            boolean variable = H5Tis_variable_str(type) > 0;
            return "string(" + (variable ? "variable" : "fixed " + size) + ", "
                    + (H5Tget_cset(type) == H5T_CSET_UTF8 ? "utf-8" : "ascii") + ", "
                    + switch (H5Tget_strpad(type)) {
                        case 0 -> "nullterm";
                        case 1 -> "nullpad";
                        default -> "spacepad";
                    } + ")";
        }
        String order = H5Tget_order(type) == H5T_ORDER_LE ? "le" : "be";
        if (typeClass == H5T_FLOAT) {
            return "float" + size * 8 + order;
        }
        if (typeClass == H5T_INTEGER) {
            return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + size * 8 + order;
        }
        return "class" + typeClass + "/" + size;
    }

    private static String shape(long space) {
        int kind = H5Sget_simple_extent_type(space);
        if (kind == H5S_SCALAR) {
            return "scalar";
        }
        if (kind == H5S_NULL) {
            return "null";
        }
        int rank = H5Sget_simple_extent_ndims(space);
        long[] dims = new long[rank];
        H5Sget_simple_extent_dims(space, dims, null);
        return Arrays.toString(dims);
    }

    private static String strings(long attribute, long type, long space) {
        int count = (int) H5Sget_simple_extent_npoints(space);
        List<String> values = new ArrayList<>();
        if (H5Tis_variable_str(type) > 0) {
            long memory = H5Tcopy(H5T_C_S1_g());
            H5Tset_size(memory, H5T_VARIABLE());
            H5Tset_cset(memory, H5Tget_cset(type));
            PointerPointer<BytePointer> pointers = new PointerPointer<>(count);
            check(H5Aread(attribute, memory, pointers), "attribute");
            for (int i = 0; i < count; i++) {
                values.add(pointers.get(BytePointer.class, i).getString(StandardCharsets.UTF_8));
            }
            H5Treclaim(memory, space, H5P_DEFAULT, pointers);
            H5Tclose(memory);
        } else {
            int size = (int) H5Tget_size(type);
            BytePointer buffer = new BytePointer((long) size * count);
            check(H5Aread(attribute, type, buffer), "attribute");
            byte[] bytes = new byte[size * count];
            buffer.get(bytes);
            for (int i = 0; i < count; i++) {
                int end = i * size;
                while (end < (i + 1) * size && bytes[end] != 0) {
                    end++;
                }
                values.add(new String(bytes, i * size, end - i * size, StandardCharsets.UTF_8));
            }
        }
        return H5Sget_simple_extent_type(space) == H5S_SCALAR ? "'" + values.get(0) + "'" : values.toString();
    }

    private static String text(BytePointer buffer, long length) {
        byte[] bytes = new byte[(int) length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long check(long status, String what) {
        if (status < 0) {
            throw new IllegalStateException("HDF5 failed on " + what);
        }
        return status;
    }
}
