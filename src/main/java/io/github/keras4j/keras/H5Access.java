package io.github.keras4j.keras;

import java.nio.file.Path;
import java.util.List;

/**
 * What keras4j reads from an HDF5 file: answered by the HDF5 library in the helper process ({@link Hdf5Process}) or,
 * when the user asks for it, in this JVM ({@link NativeH5File}). Paths are HDF5 paths from the file's root ("" or
 * "/" is the root); every failure is an {@link IllegalArgumentException} naming the file and the object.
 */
interface H5Access extends AutoCloseable {

    /** What {@link #objectKind} says. */
    int NONE = 0;
    int GROUP = 1;
    int DATASET = 2;
    int OTHER = 3;

    /** The most members a group may have, strings an attribute may hold, bytes a member's name may have. */
    long MAX_MEMBERS = 1_000_000;
    long MAX_STRINGS = 1_000_000;
    long MAX_NAME_BYTES = 1 << 16;

    Path path();

    /**
     * Whether a link (group or dataset) exists at {@code objectPath}, every parent included. Every link on the way
     * must be a hard link: Keras never writes soft or external links, and following an external link would open
     * another file (a FIFO would hang the read).
     */
    boolean exists(String objectPath);

    /** {@link #GROUP}, {@link #DATASET}, {@link #OTHER} (a named type) or {@link #NONE} (no such object). */
    int objectKind(String objectPath);

    /** The names of a group's members, in the file's name order. */
    List<String> members(String groupPath);

    /**
     * Whether the object has the attribute, whole or in Keras 2's numbered chunks ({@code layer_names0},
     * {@code layer_names1}..., which Keras writes when a list exceeds HDF5's 64 KB header limit).
     */
    boolean hasAttribute(String objectPath, String attribute);

    /**
     * A list-of-names attribute ({@code layer_names}, {@code weight_names}), whole or in Keras 2's numbered chunks.
     * Every encoding Keras has written reads: fixed-length strings (NumPy's {@code S}, null- or space-padded) and
     * variable-length ones, ASCII or UTF-8, one string or an array. Keras writes an empty list as an empty float
     * array, which reads as an empty list.
     */
    List<String> stringsAttribute(String objectPath, String attribute);

    /** A dataset's shape, after the checks every dataset read passes (see {@link NativeH5File#datasetShape}). */
    long[] datasetShape(String datasetPath);

    /**
     * A dataset's values, read only when its shape is {@code expectedShape} (null: any shape): a file that declares
     * a larger array than the model holds is refused before anything is allocated for it.
     */
    H5Array dataset(String datasetPath, long[] expectedShape);

    @Override
    void close();
}
