package io.github.keras4j.engine.step;

import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J legacy operation (elementwise transforms such as {@code Sigmoid}, scalar and pairwise operations, random
 * draws) created once with its input and output arrays and run again on them: ND4J's executioner runs such an
 * object without creating arrays. (Legacy broadcasts and reductions do create arrays on every run; compiled steps use
 * the custom {@code add}, {@code reduce_sum}... operations for those.)
 */
public final class LegacyKernel implements Kernel {

    private final Op op;
    private final OpExecutioner executioner = Nd4j.getExecutioner();

    private LegacyKernel(Op op) {
        this.op = op;
    }

    /** Runs {@code op}, which must have its output array set. */
    public static LegacyKernel of(Op op) {
        if (op.z() == null) {
            throw new IllegalArgumentException(op.opName() + " has no output array: a compiled step writes into "
                    + "arrays allocated once");
        }
        return new LegacyKernel(op);
    }

    /** The operation, whose scalar a caller may change between runs. */
    public Op op() {
        return op;
    }

    /**
     * Sets the number a scalar operation applies for the next runs ({@code x.muli(value)} with a value that changes
     * from step to step), rounded to the operation's type as a new operation object would round it.
     */
    public void scalar(double value) {
        ((ScalarOp) op).scalar().putScalar(0, value);
    }

    @Override
    public void run() {
        if (op instanceof RandomOp random) {
            executioner.exec(random, Nd4j.getRandom());
        } else {
            executioner.exec(op);
        }
    }

    @Override
    public String toString() {
        return op.opName();
    }
}
