package io.github.keras4j.engine.step;

import io.github.keras4j.internal.NativeThreads;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The threads one kernel of a compiled step runs on, chosen once from its size when the kernel is built (see
 * {@code internal.NativeThreads} for why, and for the user's settings that turn the choice off). A kernel brackets
 * its native call with {@link #enter()} and {@link #exit(boolean)}.
 *
 * <p>The thresholds are where two threads began to pay on a 2-core machine with sleeping idle threads
 * (bench/NOTES.md section 8): an element-wise operation of 256K floats took 52-77 us on one thread and 72-96 us on
 * two (a wake-up costs 25-60 us), one of 1M floats 305-450 us against 190-380 us; a 256-cube product 570 us on one
 * thread against 670-810 us on two, a 128x512x512 one 1630-1720 us against 790-1270 us.
 */
enum KernelThreads {

    /** As the threads are set: one loop thread, the BLAS's own choice. */
    AS_SET,
    /** Every core for ND4J's loops (large element-wise operations, reductions, updaters). */
    ALL_LOOP_THREADS,
    /** One BLAS thread in the calling thread (small matrix products, which MKL would otherwise split). */
    ONE_BLAS_THREAD;

    /** Elements from which an element-wise operation gets every core. */
    static final long LOOP_ELEMENTS = 1L << 19;
    /** Multiply-adds from which a matrix product gets the BLAS's threads. */
    static final long PRODUCT_MULTIPLY_ADDS = 1L << 25;

    /** For a loop over the largest of {@code arrays}. */
    static KernelThreads forLoop(INDArray... arrays) {
        long elements = 0;
        for (INDArray array : arrays) {
            if (array != null) {
                elements = Math.max(elements, array.length());
            }
        }
        return elements >= LOOP_ELEMENTS ? ALL_LOOP_THREADS : AS_SET;
    }

    /** For a matrix product of {@code multiplyAdds}. */
    static KernelThreads forProduct(long multiplyAdds) {
        return multiplyAdds >= PRODUCT_MULTIPLY_ADDS ? AS_SET : ONE_BLAS_THREAD;
    }

    /** Sets this choice's threads; returns whether {@link #exit} has anything to undo. */
    boolean enter() {
        return switch (this) {
            case AS_SET -> false;
            case ALL_LOOP_THREADS -> NativeThreads.allLoopThreads();
            case ONE_BLAS_THREAD -> NativeThreads.oneBlasThreadHere();
        };
    }

    /** Undoes {@link #enter()} when it returned true. */
    void exit(boolean entered) {
        if (!entered) {
            return;
        }
        switch (this) {
            case ALL_LOOP_THREADS -> NativeThreads.oneLoopThread();
            case ONE_BLAS_THREAD -> NativeThreads.blasThreadsAsSet();
            default -> {
            }
        }
    }
}
