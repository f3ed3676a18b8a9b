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
 * two (a wake-up costs 25-60 us), one of 1M floats 305-450 us against 190-380 us; a 64-cube product 10 us on one thread
 * against 66-72 us on two, a 128x512x512 one 1630-1720 us against 790-1270 us.
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
    /**
     * The elements of its three matrices from which a product keeps the BLAS's own threads. Below it a product's
     * multiply-adds stay under 12M, where one thread was faster; above it products are either large (a 128x512x512
     * one took 1630-1720 us on one thread, 790-1270 us on two) or read a large matrix for few rows (one row through
     * a 784x512 layer, predict's serving path, took 35-53 us on MKL's two threads against 103-171 us on one).
     */
    static final long PRODUCT_ELEMENTS = 1L << 18;
    /**
     * A product with a dimension from 2 to this (exclusive) stays on one thread whatever its size: MKL splits such a
     * narrow product badly. The wide MLP's output layer (256x1024 times 1024x10, and its two gradients) took 160-280 us
     * on MKL's two threads against 110-135 us on one (bench/NOTES.md section 9). A dimension of 1 (a matrix-vector
     * product, one row through a layer) keeps the threads.
     */
    static final long NARROW_PRODUCT = 16;

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

    /** For a matrix product of {@code a} and {@code b} into {@code c}. */
    static KernelThreads forProduct(INDArray a, INDArray b, INDArray c) {
        long m = c.rank() == 2 ? c.size(0) : 1;
        long n = c.length() / Math.max(1, m);
        long k = a.length() / Math.max(1, m);
        long narrowest = Math.min(Math.min(m, n), k);
        boolean narrow = narrowest > 1 && narrowest < NARROW_PRODUCT;
        return a.length() + b.length() + c.length() >= PRODUCT_ELEMENTS && !narrow ? AS_SET : ONE_BLAS_THREAD;
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
