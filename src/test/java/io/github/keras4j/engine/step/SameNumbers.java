package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Bit-for-bit comparison of arrays that treats NaNs at the same places as equal (INDArray.equals does not). */
final class SameNumbers {

    private SameNumbers() {
    }

    static void assertSame(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(expected.dataType(), actual.dataType(), what + ": type");
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                assertEquals(e[i], a[i], what + ": element " + i);
                assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]), what + ": bits of element "
                        + i + " (" + e[i] + ")");
            }
        }
    }
}
