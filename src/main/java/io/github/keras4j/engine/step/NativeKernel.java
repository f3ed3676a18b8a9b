package io.github.keras4j.engine.step;

/**
 * A kernel that calls libnd4j once per run, on the threads {@link KernelThreads} chose for its size when it was
 * built.
 */
abstract class NativeKernel implements Kernel {

    private final KernelThreads threads;

    NativeKernel(KernelThreads threads) {
        this.threads = threads;
    }

    /** The threads this kernel runs on. */
    final KernelThreads threads() {
        return threads;
    }

    @Override
    public final void run() {
        boolean entered = threads.enter();
        try {
            execute();
        } finally {
            threads.exit(entered);
        }
    }

    /** The native call. */
    abstract void execute();
}
