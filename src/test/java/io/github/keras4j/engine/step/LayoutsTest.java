package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Flat views of arrays that share one permuted layout of contiguous memory: one element per value, the same element
 * of each array at each index, writes reaching the arrays; none where the layouts differ, the memory has gaps, or
 * the arrays are contiguous already.
 */
class LayoutsTest {

    @Test
    void nchwViewsOfNhwcArraysBecomeFlatViewsOfTheSameMemory() {
        for (long batch : new long[] {3, 1}) {
            Buffers buffers = new Buffers(DataType.FLOAT);
            INDArray z = buffers.array('c', batch, 4, 5, 6);
            INDArray gradient = buffers.array('c', batch, 4, 5, 6);
            z.assign(Nd4j.rand(DataType.FLOAT, batch, 4, 5, 6));
            gradient.assign(Nd4j.rand(DataType.FLOAT, batch, 4, 5, 6));
            INDArray zNchw = z.permute(0, 3, 1, 2);
            INDArray gradientNchw = gradient.permute(0, 3, 1, 2);
            INDArray[] flat = Layouts.flatViews(zNchw, gradientNchw);
            assertNotNull(flat, "batch " + batch);
            for (INDArray view : flat) {
                assertArrayEquals(new long[] {z.length()}, view.shape());
                assertEquals(1, view.elementWiseStride());
            }
            // Element i of each view is the same element of each array: their pairs are those of the arrays.
            SameNumbers.assertSame(z.reshape(z.length()), flat[0], "z's values in memory order");
            SameNumbers.assertSame(gradient.reshape(gradient.length()), flat[1], "the gradient's, in the same order");
            flat[1].muli(2);
            SameNumbers.assertSame(flat[1], gradient.reshape(gradient.length()), "a write through the view");
        }
    }

    @Test
    void noFlatViewsWhereTheyWouldNotHelpOrCannotExist() {
        Buffers buffers = new Buffers(DataType.FLOAT);
        INDArray nhwc = buffers.array('c', 2, 4, 5, 6);
        INDArray nchw = buffers.array('c', 2, 6, 4, 5);
        assertNull(Layouts.flatViews(nhwc.permute(0, 3, 1, 2), nchw), "different layouts");
        assertNull(Layouts.flatViews(nhwc, buffers.array('c', 2, 4, 5, 6)), "contiguous already");
        INDArray columns = buffers.array('c', 6, 8).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        assertNull(Layouts.flatViews(columns.permute(1, 0), columns.permute(1, 0)), "gaps between the rows");
    }
}
