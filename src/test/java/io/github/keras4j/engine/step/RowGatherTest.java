package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Gathering chosen rows again and again into one matrix gives what ND4J's {@code pullRows} gives, from any source
 * layout, without a new data buffer or JavaCPP allocation per gather, and refuses what it cannot gather.
 */
class RowGatherTest {

    @Test
    void eachGatherGivesNd4jsPullRowsWithoutNewBuffers() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(9);
            INDArray cOrder = Nd4j.rand(type, 50, 7);
            INDArray[] sources = {cOrder, cOrder.dup('f'),
                Nd4j.rand(type, 60, 7).get(NDArrayIndex.interval(5, 55), NDArrayIndex.all())};
            for (INDArray source : sources) {
                INDArray destination = new Buffers(type).array('c', 4, 7);
                RowGather gather = new RowGather(source, destination);
                int[] order = {49, 0, 17, 3, 3, 22, 8, 41, 30, 12};
                for (int from = 0; from + 4 <= order.length; from += 3) {
                    int[] rows = java.util.Arrays.copyOfRange(order, from, from + 4);
                    INDArray expected = Nd4j.pullRows(source, 1, rows);
                    int start = from;
                    long pointersBefore = Pointer.totalCount();
                    long created = NewBuffers.countedIn(() -> gather.gather(order, start, 4));
                    long pointersAfter = Pointer.totalCount();
                    SameNumbers.assertSame(expected, destination, type + " " + source.ordering() + " order"
                            + (source.isView() ? " view" : "") + ", rows from " + from);
                    assertEquals(0, created, "no data buffer per gather");
                    assertTrue(pointersAfter <= pointersBefore, "no JavaCPP allocation per gather: "
                            + pointersBefore + " -> " + pointersAfter);
                }
            }
        }
    }

    @Test
    void fewerRowsFillTheFirstRowsOnly() {
        INDArray source = Nd4j.arange(30).castTo(DataType.FLOAT).reshape(10, 3);
        INDArray destination = new Buffers(DataType.FLOAT).array('c', 3, 3);
        destination.assign(-1);
        new RowGather(source, destination).gather(new int[] {0, 3, 9, 1}, 1, 2);
        SameNumbers.assertSame(Nd4j.createFromArray(new float[][] {{9, 10, 11}, {27, 28, 29}, {-1, -1, -1}}),
                destination, "two rows of three");
    }

    @Test
    void refusesWhatItCannotGather() {
        INDArray source = Nd4j.rand(DataType.FLOAT, 5, 3);
        INDArray destination = new Buffers(DataType.FLOAT).array('c', 2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> new RowGather(source, new Buffers(DataType.FLOAT).array('c', 2, 4)));
        assertThrows(IllegalArgumentException.class,
                () -> new RowGather(source, new Buffers(DataType.DOUBLE).array('c', 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new RowGather(source.reshape(5, 3, 1), destination));
        RowGather gather = new RowGather(source, destination);
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> gather.gather(new int[] {0, 5}, 0, 2));
        assertEquals("row 5 is outside the 5 rows", outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gather.gather(new int[] {0, 1, 2}, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> gather.gather(new int[] {-1, 1}, 0, 2));
    }
}
