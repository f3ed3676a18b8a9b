package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * predict's results: new arrays that hold the plan's output at the time of the copy, independent of it and of each
 * other, usable as any ND4J array, with one new data buffer each; and the copy of a batch into its rows of the whole
 * prediction.
 */
class ResultArraysTest {

    @Test
    void copiesAreNewIndependentArraysWithOneNewBufferEach() throws IOException {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(3);
            INDArray output = new Buffers(type).array('c', 4, 3, 2);
            output.assign(Nd4j.rand(type, 4, 3, 2));
            INDArray expected = output.dup();
            ResultArrays.copyOf(output);
            long[] counted = new long[1];
            INDArray[] copies = new INDArray[1];
            counted[0] = NewBuffers.countedIn(() -> copies[0] = ResultArrays.copyOf(output));
            INDArray first = copies[0];
            assertEquals(1, counted[0], "one data buffer, the shape descriptor shared");
            SameNumbers.assertSame(expected, first, type + " copy");
            assertEquals('c', first.ordering());
            assertArrayEquals(new long[] {6, 2, 1}, first.stride());

            output.addi(1.0);
            INDArray second = ResultArrays.copyOf(output);
            SameNumbers.assertSame(expected, first, "the first copy after the output changed");
            SameNumbers.assertSame(expected.add(1.0), second, "the second copy");
            first.muli(2.0);
            SameNumbers.assertSame(expected.add(1.0), second, "the second copy after the first changed");
            SameNumbers.assertSame(expected.mul(2.0), first, "the first copy, doubled in place");
            second.close();
            SameNumbers.assertSame(expected.mul(2.0), first, "the first copy after the second was closed");
            SameNumbers.assertSame(expected.add(1.0), output, "the output after a copy was closed");

            assertEquals(expected.sumNumber().doubleValue() * 2, first.sumNumber().doubleValue(), 1e-9);
            assertEquals(expected.getDouble(3, 2, 1) * 2, first.reshape(24).getDouble(23), 0.0);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Nd4j.write(first, new DataOutputStream(bytes));
            INDArray read = Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            SameNumbers.assertSame(first, read, "written and read back");
        }
    }

    @Test
    void batchesGoToTheirRows() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray all = Nd4j.rand(type, 7, 3, 2);
            INDArray into = Nd4j.zeros(type, 7, 3, 2);
            for (long first = 0; first < 7; first += 3) {
                long last = Math.min(7, first + 3);
                INDArray batch = all.get(NDArrayIndex.interval(first, last), NDArrayIndex.all(), NDArrayIndex.all())
                        .dup('c');
                ResultArrays.copyRows(batch, into, first);
            }
            SameNumbers.assertSame(all, into, type + " rows");
        }
    }

    @Test
    void oneRowWhoseStridesAreOneAndOne() {
        INDArray row = new Buffers(DataType.FLOAT).array('c', 1, 5);
        row.assign(Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 5}}));
        SameNumbers.assertSame(row, ResultArrays.copyOf(row), "a copy of one row");
        INDArray into = Nd4j.zeros(DataType.FLOAT, 3, 5);
        ResultArrays.copyRows(row, into, 2);
        SameNumbers.assertSame(Nd4j.createFromArray(new float[][] {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {1, 2, 3, 4, 5}}),
                into, "one row into the last");
    }

    @Test
    void refusesWhatIsNotWholeCOrderData() {
        INDArray wide = Nd4j.rand(DataType.FLOAT, 4, 6);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
        INDArray fOrder = Nd4j.rand(DataType.FLOAT, 'f', 4, 3);
        assertThrows(IllegalArgumentException.class, () -> ResultArrays.copyOf(view));
        assertThrows(IllegalArgumentException.class, () -> ResultArrays.copyOf(fOrder));
        INDArray into = Nd4j.zeros(DataType.FLOAT, 5, 3);
        IllegalArgumentException tooFar = assertThrows(IllegalArgumentException.class,
                () -> ResultArrays.copyRows(Nd4j.rand(DataType.FLOAT, 2, 3), into, 4));
        assertTrue(tooFar.getMessage().contains("at row 4"), tooFar.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResultArrays.copyRows(Nd4j.rand(DataType.FLOAT, 2, 4),
                into, 0));
        assertThrows(IllegalArgumentException.class, () -> ResultArrays.copyRows(view, Nd4j.zeros(DataType.FLOAT,
                8, 3), 0));
        assertEquals(0.0, into.sumNumber().doubleValue(), "nothing written by a refused copy");
    }
}
