package io.github.keras4j.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's binary array format ({@code Nd4j.write}: the {@code coefficients.bin} and {@code updaterState.bin} of a
 * DL4J model archive) read by keras4j itself: ND4J's {@code Nd4j.read} trusts the declared lengths, so a shape
 * larger than its data reads native memory past the buffer. Here the shape buffer is parsed and checked (rank,
 * sizes, order), the data buffer's declared length must be the shape's size, the caller's expected length and the
 * bytes present, and only then are the values read into a new array.
 */
public final class Nd4jArrays {

    private static final List<String> LONG_MODES = List.of("LONG_SHAPE", "MIXED_DATA_TYPES");
    private static final List<String> INT_MODES = List.of("DIRECT", "HEAP", "JAVACPP");

    private Nd4jArrays() {
    }

    /**
     * The array an ND4J binary file holds.
     *
     * @param expectedLength the number of values the caller needs (the model's parameter count), or -1 for any
     * @param what names the array for the errors
     */
    public static INDArray read(byte[] bytes, long expectedLength, String what) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            long shapeLength = header(in, what, "its shape");
            String shapeType = in.readUTF();
            if (!shapeType.equals("LONG") && !shapeType.equals("INT")) {
                throw new IllegalArgumentException(what + ": its shape is stored as " + shapeType + ", not LONG");
            }
            if (shapeLength < 4 || shapeLength > 2L * FileLimits.MAX_RANK + 4) {
                throw new IllegalArgumentException(what + ": its shape information has " + shapeLength
                        + " values, which no array of at most " + FileLimits.MAX_RANK + " dimensions has");
            }
            long[] shapeInfo = new long[(int) shapeLength];
            for (int i = 0; i < shapeInfo.length; i++) {
                shapeInfo[i] = shapeType.equals("LONG") ? in.readLong() : in.readInt();
            }
            long rank = shapeInfo[0];
            if (rank < 0 || rank > FileLimits.MAX_RANK || shapeLength != 2 * rank + 4) {
                throw new IllegalArgumentException(what + ": its shape information (" + shapeLength + " values) "
                        + "does not fit its rank " + rank);
            }
            long[] shape = Arrays.copyOfRange(shapeInfo, 1, 1 + (int) rank);
            long count = FileLimits.elements(shape, what);
            char order = (char) shapeInfo[(int) shapeLength - 1];
            if (order != 'c' && order != 'f') {
                throw new IllegalArgumentException(what + ": its order is " + shapeInfo[(int) shapeLength - 1]
                        + ", neither c nor f");
            }
            long dataLength = header(in, what, "its data");
            String dataType = in.readUTF();
            int size = switch (dataType) {
                case "FLOAT" -> 4;
                case "DOUBLE" -> 8;
                default -> throw new IllegalArgumentException(what + " holds " + dataType + " values; keras4j reads "
                        + "FLOAT and DOUBLE arrays");
            };
            if (dataLength != count) {
                throw new IllegalArgumentException(what + " declares shape " + Arrays.toString(shape) + " ("
                        + count + " values) but a data buffer of " + dataLength + " values");
            }
            if (expectedLength >= 0 && count != expectedLength) {
                throw new IllegalArgumentException(what + " holds " + count + " values but the model needs "
                        + expectedLength);
            }
            long present = in.available();
            if (present != count * size) {
                throw new IllegalArgumentException(what + " declares " + count + " " + dataType + " values ("
                        + count * size + " bytes) but holds " + present + " bytes of data");
            }
            INDArray flat;
            if (size == 4) {
                float[] values = new float[(int) count];
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.readFloat();
                }
                flat = Nd4j.createFromArray(values);
            } else {
                double[] values = new double[(int) count];
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.readDouble();
                }
                flat = Nd4j.createFromArray(values);
            }
            if (rank == 0) {
                return flat.reshape();
            }
            return count == 0 ? flat.reshape(shape) : flat.reshape(order, shape).dup('c');
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " ends too early: it is not a complete ND4J array", e);
        }
    }

    /** An ND4J data buffer's header: allocation mode and length. */
    private static long header(DataInputStream in, String what, String part) throws IOException {
        String mode = in.readUTF();
        if (LONG_MODES.contains(mode)) {
            return in.readLong();
        }
        if (INT_MODES.contains(mode)) {
            return in.readInt();
        }
        throw new IllegalArgumentException(what + ": " + part + " has the unknown allocation mode '"
                + (mode.length() > 40 ? mode.substring(0, 40) + "..." : mode) + "'; it is not an ND4J array");
    }
}
