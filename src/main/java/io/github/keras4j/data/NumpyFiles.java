package io.github.keras4j.data;

import io.github.keras4j.InvalidFileException;
import io.github.keras4j.internal.FileLimits;
import io.github.keras4j.internal.NativeLibraries;
import io.github.keras4j.internal.NpyArrays;
import io.github.keras4j.internal.ZipArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NumPy's array files as ND4J arrays, as {@code numpy.load} reads them: a {@code .npy} file holds one array, an
 * {@code .npz} archive ({@code numpy.savez} or {@code savez_compressed}) holds named ones ({@code np.savez(f, x=x,
 * y=y)} writes the entries {@code x.npy} and {@code y.npy}). Any rank; floats come back as float32 or float64,
 * integers (signed and unsigned, 1 to 8 bytes) as int64, booleans as int64 0 and 1. Files are hostile until checked:
 * each array is parsed by keras4j, its declared shape checked against the bytes present and the memory free before
 * anything is allocated, and an archive's entries are inflated through a cap; a broken file is an
 * {@link InvalidFileException} naming the file and the array.
 */
public final class NumpyFiles {

    static {
        // Before this entry point's first ND4J call: ND4J's BLAS and native build (docs/performance.md). Without it, a
        // program that reads its data before creating a model ran on OpenBLAS instead of MKL.
        NativeLibraries.configure();
    }

    private static final String NPY = ".npy";

    private NumpyFiles() {
    }

    /**
     * The array of a {@code .npy} file ({@code numpy.load(file)}).
     *
     * @throws InvalidFileException naming the file when it is not a NumPy array keras4j reads
     */
    public static INDArray load(Path file) {
        try {
            requireRegularFile(file, "a NumPy array file (.npy)");
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = FileLimits.readAtMost(in, cap(), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            return NpyArrays.read(bytes, file.toString());
        } catch (RuntimeException e) {
            throw InvalidFileException.of(file, e);
        }
    }

    /**
     * The names of the arrays in an {@code .npz} archive, in its order ({@code numpy.load(file).files}).
     *
     * @throws InvalidFileException naming the file when it is not an archive of NumPy arrays
     */
    public static List<String> names(Path file) {
        try (ZipArchive zip = open(file)) {
            return arrayNames(zip, file);
        } catch (RuntimeException e) {
            throw InvalidFileException.of(file, e);
        }
    }

    /**
     * One array of an {@code .npz} archive ({@code numpy.load(file)[name]}).
     *
     * @throws InvalidFileException naming the file and the array when it is missing or broken; a missing array's
     *                              error lists the archive's arrays
     */
    public static INDArray load(Path file, String name) {
        try (ZipArchive zip = open(file)) {
            List<String> names = arrayNames(zip, file);
            if (!names.contains(name)) {
                throw new IllegalArgumentException(file + " has no array '" + name + "'; its arrays: "
                        + String.join(", ", names));
            }
            return read(zip, file, name);
        } catch (RuntimeException e) {
            throw InvalidFileException.of(file, e);
        }
    }

    /**
     * Every array of an {@code .npz} archive by name, in the archive's order ({@code dict(numpy.load(file))}).
     *
     * @throws InvalidFileException naming the file and the array that is broken
     */
    public static Map<String, INDArray> loadAll(Path file) {
        try (ZipArchive zip = open(file)) {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (String name : arrayNames(zip, file)) {
                arrays.put(name, read(zip, file, name));
            }
            return arrays;
        } catch (RuntimeException e) {
            throw InvalidFileException.of(file, e);
        }
    }

    private static ZipArchive open(Path file) {
        requireRegularFile(file, "a NumPy archive (.npz)");
        return ZipArchive.open(file, "a NumPy archive (.npz, as numpy.savez writes it)");
    }

    private static void requireRegularFile(Path file, String expected) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a regular file (a folder, a FIFO or a device); "
                    + "expected " + expected);
        }
    }

    private static List<String> arrayNames(ZipArchive zip, Path file) {
        List<String> names = new ArrayList<>();
        for (String entry : zip.names()) {
            if (!entry.endsWith(NPY) || entry.length() == NPY.length()) {
                throw new IllegalArgumentException(file + " is not a NumPy archive: entry '" + entry + "' is not "
                        + "an array (numpy.savez writes name.npy entries)");
            }
            names.add(entry.substring(0, entry.length() - NPY.length()));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no arrays");
        }
        return names;
    }

    private static INDArray read(ZipArchive zip, Path file, String name) {
        return NpyArrays.read(zip.read(name + NPY, cap()), file + ": array '" + name + "'");
    }

    /**
     * The most bytes one array file may hold: what one Java array can, and at most a quarter of the heap (reading grows
     * a buffer by doubling, and the values are then copied out of it).
     */
    private static long cap() {
        return Math.min(FileLimits.MAX_ELEMENTS, Runtime.getRuntime().maxMemory() / 4);
    }
}
