package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** keras4j's own .npy reader: what NumPy writes reads right, what it does not is refused before allocation. */
class NpyArraysTest {

    private static byte[] npy(String header, ByteOrder order, double... values) {
        String padded = header;
        while ((10 + padded.length() + 1) % 64 != 0) {
            padded += " ";
        }
        byte[] text = (padded + "\n").getBytes(StandardCharsets.ISO_8859_1);
        boolean doubles = header.contains("f8");
        ByteBuffer buffer = ByteBuffer.allocate(10 + text.length + values.length * (doubles ? 8 : 4));
        buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buffer.order(ByteOrder.LITTLE_ENDIAN).putShort((short) text.length).put(text).order(order);
        for (double value : values) {
            if (doubles) {
                buffer.putDouble(value);
            } else {
                buffer.putFloat((float) value);
            }
        }
        return buffer.array();
    }

    @Test
    void bigEndianAndFortranOrderReadAsNumPyMeansThem() {
        INDArray big = NpyArrays.read(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }",
                ByteOrder.BIG_ENDIAN, 1, 2, 3, 4, 5, 6), "big");
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}), big);
        INDArray fortran = NpyArrays.read(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6), "fortran");
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}), fortran);
        assertArrayEquals(new long[] {3}, NpyArrays.read(npy("{'shape': (3,), 'fortran_order': False, 'descr': "
                + "'<f4'}", ByteOrder.LITTLE_ENDIAN, 1, 2, 3), "keys in any order").shape());
    }

    @Test
    void aShapeLargerThanItsDataIsRefusedNamingBoth() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> NpyArrays.read(
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 1000), }", ByteOrder.LITTLE_ENDIAN,
                        1, 2), "w.npz entry 'k.npy'"));
        assertEquals("w.npz entry 'k.npy' declares shape [1000, 1000] of <f4 (4000000 bytes of data) but "
                + "holds 8 bytes", error.getMessage());
    }
}
