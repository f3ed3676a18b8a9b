package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.any.Assign;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A legacy kernel run on a new x each time ({@code runOn}, a batch's features copied in): whatever the new array's
 * layout, shape descriptor or type, the kernel reads it and only it, and keeps no reference to it afterwards.
 */
class LegacyKernelTest {

    @Test
    void copyInReadsEachNewInputWhateverItsLayoutOrType() {
        Nd4j.getRandom().setSeed(5);
        INDArray plan = new Buffers(DataType.FLOAT).array('c', 3, 4);
        LegacyKernel copy = LegacyKernel.of(new Assign(plan, plan));
        INDArray cOrder = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray fOrder = Nd4j.rand(DataType.FLOAT, 3, 4).dup('f');
        INDArray rowsOfLarger = Nd4j.rand(DataType.FLOAT, 6, 4).get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        INDArray otherCOrder = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 3, 4);
        INDArray[] inputs = {cOrder, fOrder, cOrder, rowsOfLarger, otherCOrder, doubles, fOrder, doubles, cOrder};
        for (int i = 0; i < inputs.length; i++) {
            INDArray input = inputs[i];
            copy.runOn(input);
            SameNumbers.assertSame(input.castTo(DataType.FLOAT), plan, "input " + i + ", " + input.ordering()
                    + " order, " + input.dataType() + (input.isView() ? ", a view" : ""));
            assertNull(copy.op().x(), "no reference to input " + i + " is kept");
        }
    }

    @Test
    void aKernelWithFixedArraysRunsAgainOnTheirCurrentValues() {
        INDArray x = Nd4j.createFromArray(new float[] {-1f, 2f, -3f, 4f});
        INDArray z = new Buffers(DataType.FLOAT).array('c', 4);
        LegacyKernel relu = LegacyKernel.of(new org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear(x, z, 0.0));
        relu.run();
        SameNumbers.assertSame(Nd4j.createFromArray(new float[] {0f, 2f, 0f, 4f}), z, "first run");
        x.negi();
        relu.run();
        SameNumbers.assertSame(Nd4j.createFromArray(new float[] {1f, 0f, 3f, 0f}), z, "after x changed in place");
    }
}
