package io.github.keras4j.engine.step;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.any.Assign;
import org.nd4j.linalg.api.blas.params.MMulTranspose;

/** Kernels of the ND4J operations a DL4J computation is made of, built from the same operation objects. */
public final class Kernels {

    private Kernels() {
    }

    /**
     * A kernel running {@code op}, a custom or a legacy operation with its output array set; a matrix product calls
     * the BLAS directly where libnd4j would call it with the arrays as they are ({@link BlasProductKernel}).
     */
    public static Kernel of(Object op) {
        if (op instanceof CustomOp custom) {
            Kernel product = BlasProductKernel.of(custom);
            return product != null ? product : CustomKernel.of(custom);
        }
        if (op instanceof Op legacy) {
            return LegacyKernel.of(legacy);
        }
        throw new IllegalArgumentException("not an ND4J operation: " + op);
    }

    /** {@code to = from} (with a cast if their types differ), as {@code INDArray.assign}. */
    public static Kernel copy(INDArray from, INDArray to) {
        return LegacyKernel.of(new Assign(from, to));
    }

    /**
     * {@code c = op(a) op(b)}: {@code Nd4j.gemm(a, b, c, transposeA, transposeB, 1, 0)}, which DL4J's layers call
     * for weight gradients; with both flags false it is also what {@code a.mmuli(b, c)} runs for an f-order c.
     */
    public static Kernel gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        return of(new Mmul(a, b, c, 1.0, 0.0,
                MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build()));
    }
}
