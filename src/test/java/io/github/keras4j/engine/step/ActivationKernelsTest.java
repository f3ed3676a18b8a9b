package io.github.keras4j.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.activations.dl4j.ActivationScaledELU;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each compiled activation computes exactly what its DL4J class computes, without creating arrays. */
class ActivationKernelsTest {

    static Stream<Arguments> activations() {
        List<IActivation> all = new ArrayList<>();
        for (Activations activation : Activations.values()) {
            all.add(activation.toDl4j());
        }
        // What keras4j's advanced-activation layers build.
        all.add(new ActivationScaledELU(0.7));
        all.add(new ActivationLReLU(0.3));
        all.add(new ActivationReLU(null, 0.0, 0.0));
        all.add(new ActivationReLU(6.0, 0.0, 0.1));
        all.add(new ActivationReLU(1.5, 0.25, 0.2));
        all.add(new ActivationReLU(null, -0.5, 0.0));
        all.add(new ActivationThresholdedReLU(0.4));
        all.add(new ActivationSoftmax());
        List<Arguments> cases = new ArrayList<>();
        for (IActivation activation : all) {
            for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
                cases.add(Arguments.of(activation, type));
            }
        }
        return cases.stream();
    }

    /**
     * An activation that says it acts on each value alone gives the same bits on contiguous arrays as on strided
     * views, where libnd4j takes its other loops (the kernel list may then run it on flat views of a layer's arrays
     * rather than DL4J's permuted views); softmax, which does not act on each value alone, says so.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activations")
    void perValueActivationsGiveTheSameBitsOnContiguousAndStridedArrays(IActivation activation, DataType type) {
        ActivationKernels.ActivationKernel kernel = ActivationKernels.of(activation);
        if (activation instanceof ActivationSoftmax) {
            org.junit.jupiter.api.Assertions.assertFalse(kernel.perValue(), "softmax normalizes along an axis");
            return;
        }
        org.junit.jupiter.api.Assertions.assertTrue(kernel.perValue(), activation + " acts on each value alone");
        Nd4j.getRandom().setSeed(4);
        INDArray z = Nd4j.rand(type, 2, 5, 7).subi(0.5).muli(8);
        INDArray dLda = Nd4j.rand(type, 2, 5, 7).subi(0.5);
        INDArray[] results = new INDArray[4];
        for (int strided = 0; strided < 2; strided++) {
            Buffers buffers = new Buffers(type);
            java.util.function.Supplier<INDArray> array = strided == 0 ? () -> buffers.array('c', 2, 5, 7)
                    : () -> buffers.array('c', 5, 2, 7).permute(1, 0, 2);
            INDArray zCopy = array.get();
            zCopy.assign(z);
            INDArray dLdaCopy = array.get();
            dLdaCopy.assign(dLda);
            INDArray a = array.get();
            kernel.forward(zCopy, a, buffers).run();
            INDArray dLdz = switch (kernel.gradientPlace()) {
                case PRE_ACTIVATION -> zCopy;
                case NEW_ARRAY -> array.get();
                case INCOMING -> dLdaCopy;
            };
            kernel.backward(zCopy, dLdaCopy, dLdz, buffers).run();
            results[2 * strided] = a.dup('c');
            results[2 * strided + 1] = dLdz.dup('c');
        }
        SameNumbers.assertSame(results[0], results[2], activation + " forward, contiguous against strided");
        SameNumbers.assertSame(results[1], results[3], activation + " backward, contiguous against strided");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activations")
    void matchesDl4jBitForBitWithoutNewArrays(IActivation activation, DataType type) {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.rand(type, 5, 7).subi(0.5).muli(8);
        INDArray dLda = Nd4j.rand(type, 5, 7).subi(0.5);
        Buffers buffers = new Buffers(type);
        ActivationKernels.ActivationKernel kernel = ActivationKernels.of(activation);

        INDArray a = buffers.array('c', 5, 7);
        Kernel forward = kernel.forward(z, a, buffers);
        forward.run();
        assertEquals(activation.getActivation(z.dup(), true), a, "forward");

        INDArray zCopy = z.dup();
        INDArray dLdz = buffers.array('c', 5, 7);
        Kernel backward = kernel.backward(zCopy, dLda, dLdz, buffers);
        backward.run();
        INDArray expected = activation.backprop(z.dup(), dLda.dup()).getFirst();
        assertEquals(expected, dLdz, "backward");

        assertEquals(0, NewBuffers.countedIn(() -> {
            for (int i = 0; i < 10; i++) {
                forward.run();
                zCopy.assign(z);
                backward.run();
            }
        }), "arrays created by the kernels");
        assertTrue(ActivationKernels.supports(activation));
    }
}
