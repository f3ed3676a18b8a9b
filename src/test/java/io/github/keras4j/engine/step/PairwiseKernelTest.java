package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The legacy pairwise kernels compute what ND4J's custom {@code add}, {@code multiply} and {@code subtract} compute, bit
 * for bit, on contiguous arrays, mixed orders and strided views, in float32 and float64 (and so name the right libnd4j
 * operation numbers).
 */
class PairwiseKernelTest {

    @Test
    void sameBitsAsTheCustomOperations() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(5);
            INDArray wide = Nd4j.rand(type, 7, 12).subi(0.5);
            INDArray x = Nd4j.rand(type, 7, 4).subi(0.5).muli(3);
            INDArray[] ys = {Nd4j.rand(type, 7, 4), Nd4j.rand(type, 'f', 7, 4),
                wide.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 8))};
            for (INDArray y : ys) {
                Buffers buffers = new Buffers(type);
                INDArray sum = buffers.array('c', 7, 4);
                INDArray product = buffers.array('c', 7, 4);
                INDArray difference = wide.dup().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
                new KernelList(buffers).add(x, y, sum).mul(x, y, product).sub(x, y, difference).build().run();
                SameNumbers.assertSame(x.add(y), sum, "add");
                SameNumbers.assertSame(x.mul(y), product, "multiply");
                SameNumbers.assertSame(x.sub(y), difference, "subtract");
            }
        }
    }

    @Test
    void aVectorAddedToOneRowIsASameShapeSumWithTheBroadcastsBits() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(6);
            // A dense layer's bias: a rank-1 view into the flat parameters, added to the f-order product of one row.
            INDArray parameters = Nd4j.rand(type, 1, 20).subi(0.5);
            INDArray bias = parameters.reshape(20).get(NDArrayIndex.interval(12, 17));
            INDArray product = Nd4j.rand(type, 'f', 1, 5).subi(0.5).muli(7);
            Buffers buffers = new Buffers(type);
            INDArray sum = buffers.array('c', 1, 5);
            Kernel kernels = new KernelList(buffers).add(product, bias, sum).build();
            assertInstanceOf(PairwiseKernel.class, kernels, "a legacy pairwise add, not a broadcast custom operation");
            kernels.run();
            SameNumbers.assertSame(product.addRowVector(bias.reshape(1, 5)), sum, "one row");
            bias.addi(1.0);
            kernels.run();
            SameNumbers.assertSame(product.addRowVector(bias.reshape(1, 5)), sum, "after the parameters changed");
            INDArray rows = Nd4j.rand(type, 'f', 3, 5);
            INDArray sums = buffers.array('c', 3, 5);
            Kernel broadcast = new KernelList(buffers).add(rows, bias, sums).build();
            assertInstanceOf(CustomKernel.class, broadcast, "three rows: a broadcast custom operation");
            broadcast.run();
            SameNumbers.assertSame(rows.addRowVector(bias.reshape(1, 5)), sums, "three rows (a broadcast)");
        }
    }
}
