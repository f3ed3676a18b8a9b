package io.github.keras4j.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The OpenMP team size of the calling thread ({@code omp_set_num_threads}), called through JNA on the OpenMP runtime
 * that runs libnd4j's own parallel regions. Where MKL is the BLAS that is Intel's {@code libiomp5}, loaded before
 * libnd4j, which then takes libnd4j's {@code GOMP_parallel}; ND4J's {@code setOmpNumThreads} still reaches the GNU
 * runtime ND4J bundles, so it changes nothing there. With OpenBLAS it is that GNU runtime.
 */
final class OpenMpThreads {

    private static boolean registered;

    private OpenMpThreads() {
    }

    /**
     * Binds {@link #omp_set_num_threads} and {@link #omp_get_max_threads} to the runtime at {@code path}, once.
     *
     * @throws UnsatisfiedLinkError where the library or its functions cannot be reached
     */
    static synchronized void bind(String path) {
        if (!registered) {
            JnaFolder.useCache();
            Native.register(OpenMpThreads.class, NativeLibrary.getInstance(path));
            registered = true;
        }
    }

    /** Sets how many threads the parallel regions this thread starts from now on use (OpenMP's nthreads ICV). */
    static native void omp_set_num_threads(int threads);

    /** How many threads the next parallel region this thread starts would use. */
    static native int omp_get_max_threads();
}
