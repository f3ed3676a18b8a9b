package io.github.keras4j.keras;

import io.github.keras4j.internal.ZipArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The kinds of model and weights files keras4j reads, told apart by their content (never by their extension: Keras
 * users name HDF5 files {@code .h5}, {@code .hdf5}, {@code .keras} or {@code .weight}).
 */
public enum ModelFileFormat {
    /** keras4j's own model file: a zip holding {@code keras4j.json}. */
    KERAS4J_MODEL,
    /** keras4j's own weights file: a NumPy {@code .npz} zip of {@code layer/weight.npy} entries. */
    KERAS4J_WEIGHTS,
    /** Keras 3's {@code .keras} zip: {@code config.json}, {@code metadata.json}, {@code model.weights.h5}. */
    KERAS3_ARCHIVE,
    /** An HDF5 file: a Keras 1, 2 or 3 {@code model.save} or {@code save_weights} file. */
    HDF5;

    /** What the errors say keras4j expected, so that a user sees every format it reads. */
    public static final String EXPECTED = "a keras4j model file (a zip holding keras4j.json) or weights file (.npz), "
            + "a Keras 3 .keras file (a zip holding config.json and model.weights.h5) or a Keras HDF5 file (model.save "
            + "or save_weights of Keras 1, 2 or 3)";

    static final String KERAS4J_METADATA = "keras4j.json";
    static final String KERAS3_CONFIG = "config.json";
    static final String KERAS3_WEIGHTS = "model.weights.h5";
    static final String KERAS3_METADATA = "metadata.json";

    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP_SIGNATURE = {'P', 'K', 5, 6};

    /**
     * The format of the file at {@code path}.
     *
     * @throws IllegalArgumentException naming the file when it is missing, is a broken zip archive, or is none of
     *                                  the formats keras4j reads
     */
    public static ModelFileFormat detect(Path path) {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            // A FIFO would block the read below forever; a folder is no model.
            throw new IllegalArgumentException(path + " is not a regular file; expected " + EXPECTED);
        }
        byte[] head = new byte[KerasH5File.SIGNATURE.length];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        if (read == head.length && Arrays.equals(head, KerasH5File.SIGNATURE)) {
            return HDF5;
        }
        if (read >= 4 && (startsWith(head, ZIP_SIGNATURE) || startsWith(head, EMPTY_ZIP_SIGNATURE))) {
            return zipFormat(path);
        }
        throw new IllegalArgumentException(path + " is not a keras4j model file, a Keras 3 .keras file or a Keras "
                + "HDF5 file (it starts with neither the zip nor the HDF5 signature); expected " + EXPECTED);
    }

    private static ModelFileFormat zipFormat(Path path) {
        List<String> names;
        try (ZipArchive zip = ZipArchive.open(path, EXPECTED)) {
            names = zip.names();
        }
        if (names.contains(KERAS4J_METADATA)) {
            return KERAS4J_MODEL;
        }
        if (names.contains(KERAS3_CONFIG) && names.contains(KERAS3_WEIGHTS)) {
            return KERAS3_ARCHIVE;
        }
        if (!names.isEmpty() && names.stream().allMatch(name -> name.endsWith(".npy"))) {
            return KERAS4J_WEIGHTS;
        }
        throw new IllegalArgumentException(path + " is a zip archive but not a keras4j model file or a Keras 3 "
                + ".keras file: it has neither " + KERAS4J_METADATA + " nor " + KERAS3_CONFIG + " with "
                + KERAS3_WEIGHTS + " (entries: " + names + "); expected " + EXPECTED);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }
}
