package io.github.keras4j.keras;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Keras HDF5 file opened read-only: the attributes (strings and string lists), groups and datasets that Keras
 * writes. The HDF5 C library reads it in a helper process ({@link Hdf5Process}) with a time limit per read, since a
 * damaged file can make the library loop forever or crash, which no code in this JVM could stop; with the system
 * property {@code keras4j.hdf5.inProcess=true} it reads in this JVM instead ({@link NativeH5File}, for trusted files
 * where no process can be started). Every failure is an {@link IllegalArgumentException} that names the file and
 * what was read.
 */
final class KerasH5File implements AutoCloseable {

    /** The 8 bytes every HDF5 file Keras writes starts with. */
    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** Reads HDF5 files in this JVM, without the helper process's protection from files that hang the library. */
    static final String IN_PROCESS_PROPERTY = "keras4j.hdf5.inProcess";

    private final H5Access access;

    private KerasH5File(H5Access access) {
        this.access = access;
    }

    /**
     * Opens {@code path} for reading.
     *
     * @param expected what the caller expected the file to be, for the error message
     */
    static KerasH5File open(Path path, String expected) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " is not a regular file; expected " + expected);
        }
        return new KerasH5File(Boolean.getBoolean(IN_PROCESS_PROPERTY) ? NativeH5File.open(path, expected)
                : Hdf5Process.open(path, expected));
    }

    Path path() {
        return access.path();
    }

    @Override
    public void close() {
        access.close();
    }

    /** Whether a group or dataset exists at {@code objectPath}, reached through hard links only (else an error). */
    boolean exists(String objectPath) {
        return access.exists(objectPath);
    }

    boolean isGroup(String objectPath) {
        return access.objectKind(objectPath) == H5Access.GROUP;
    }

    boolean isDataset(String objectPath) {
        return access.objectKind(objectPath) == H5Access.DATASET;
    }

    /** The names of a group's members, in the file's name order. */
    List<String> members(String groupPath) {
        return access.members(groupPath);
    }

    /** Whether the object has the attribute, whole or in Keras 2's numbered chunks ({@code layer_names0}...). */
    boolean hasAttribute(String objectPath, String attribute) {
        return access.hasAttribute(objectPath, attribute);
    }

    /** A text attribute (Keras writes JSON configs and versions as one fixed- or variable-length string). */
    String stringAttribute(String objectPath, String attribute) {
        List<String> values = stringsAttribute(objectPath, attribute);
        if (values.size() != 1) {
            throw new IllegalArgumentException(path() + ": attribute " + attribute + " of "
                    + (objectPath.isEmpty() || objectPath.equals("/") ? "the file's root" : "'" + objectPath + "'")
                    + " holds " + values.size() + " strings, expected one");
        }
        return values.get(0);
    }

    /** A list-of-names attribute ({@code layer_names}, {@code weight_names}) in any encoding Keras has written. */
    List<String> stringsAttribute(String objectPath, String attribute) {
        return access.stringsAttribute(objectPath, attribute);
    }

    /** A dataset's shape, after the checks every dataset read passes (inside the file, numbers, data present). */
    long[] datasetShape(String datasetPath) {
        return access.datasetShape(datasetPath);
    }

    /** A dataset as an ND4J array of its shape: float32 stays FLOAT, other floats become DOUBLE, integers LONG. */
    INDArray dataset(String datasetPath) {
        return dataset(datasetPath, null);
    }

    /**
     * A dataset as an ND4J array, read only when its shape is {@code expectedShape} (null: any shape): a file that
     * declares a larger array than the model holds is refused before anything is allocated for it.
     */
    INDArray dataset(String datasetPath, long[] expectedShape) {
        H5Array array = access.dataset(datasetPath, expectedShape);
        if (array.values() instanceof float[] floats) {
            return Nd4j.create(floats, array.shape(), DataType.FLOAT);
        }
        if (array.values() instanceof double[] doubles) {
            return Nd4j.create(doubles, array.shape(), DataType.DOUBLE);
        }
        return Nd4j.createFromArray((long[]) array.values()).reshape(array.shape());
    }
}
