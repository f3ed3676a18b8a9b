package io.github.keras4j.hostile;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;

/** Writes small HDF5 files for tests, broken on purpose where asked (links, external storage, missing chunks). */
final class H5Writer implements AutoCloseable {

    private final long file;

    H5Writer(Path path) {
        Loader.load(org.bytedeco.hdf5.global.hdf5.class);
        H5Eset_auto2(H5E_DEFAULT(), null, null);
        file = check(H5Fcreate(path.toString(), H5F_ACC_TRUNC(), H5P_DEFAULT(), H5P_DEFAULT()));
    }

    void group(String name) {
        H5Gclose(check(H5Gcreate2(file, name, H5P_DEFAULT(), H5P_DEFAULT(), H5P_DEFAULT())));
    }

    /** An attribute of fixed-length strings, as h5py writes NumPy's {@code S} arrays (one string: a scalar). */
    void strings(String object, String name, boolean scalar, byte[]... values) {
        int width = 1;
        for (byte[] value : values) {
            width = Math.max(width, value.length);
        }
        long type = H5Tcopy(H5T_C_S1_g());
        H5Tset_size(type, width);
        long space = scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, new long[] {values.length}, null);
        long owner = check(H5Oopen(file, object, H5P_DEFAULT()));
        long attr = check(H5Acreate2(owner, name, type, space, H5P_DEFAULT(), H5P_DEFAULT()));
        BytePointer data = new BytePointer((long) width * values.length);
        data.fill(0);
        for (int i = 0; i < values.length; i++) {
            data.position((long) i * width).put(values[i]);
        }
        check(H5Awrite(attr, type, data.position(0)));
        H5Aclose(attr);
        H5Oclose(owner);
        H5Sclose(space);
        H5Tclose(type);
    }

    void string(String object, String name, String value) {
        strings(object, name, true, value.getBytes(StandardCharsets.UTF_8));
    }

    void names(String object, String name, String... values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        strings(object, name, false, bytes);
    }

    /** A float32 dataset of {@code shape} holding {@code values} (null: no data written, chunked). */
    void floats(String name, long[] shape, float[] values) {
        long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
        if (values == null) {
            long[] chunk = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                chunk[i] = Math.min(shape[i], 1024);
            }
            H5Pset_chunk(dcpl, shape.length, chunk);
        }
        dataset(name, shape, values, dcpl);
    }

    /** A float32 dataset stored in an external file, as HDF5's external storage allows. */
    void external(String name, long[] shape, String externalFile) {
        long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
        long bytes = 4;
        for (long size : shape) {
            bytes *= size;
        }
        check(H5Pset_external(dcpl, externalFile, 0, bytes));
        dataset(name, shape, null, dcpl);
    }

    private void dataset(String name, long[] shape, float[] values, long dcpl) {
        long space = H5Screate_simple(shape.length, shape, null);
        long dataset = check(H5Dcreate2(file, name, H5T_IEEE_F32LE_g(), space, H5P_DEFAULT(), dcpl, H5P_DEFAULT()));
        if (values != null) {
            check(H5Dwrite(dataset, H5T_NATIVE_FLOAT_g(), H5S_ALL(), H5S_ALL(), H5P_DEFAULT(), new FloatPointer(values)));
        }
        H5Dclose(dataset);
        H5Sclose(space);
        H5Pclose(dcpl);
    }

    void externalLink(String name, String targetFile, String targetObject) {
        check(H5Lcreate_external(targetFile, targetObject, file, name, H5P_DEFAULT(), H5P_DEFAULT()));
    }

    void softLink(String name, String target) {
        check(H5Lcreate_soft(target, file, name, H5P_DEFAULT(), H5P_DEFAULT()));
    }

    @Override
    public void close() {
        H5Fclose(file);
    }

    private static long check(long id) {
        if (id < 0) {
            throw new IllegalStateException("HDF5 call failed: " + id);
        }
        return id;
    }
}
