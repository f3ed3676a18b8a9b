package io.github.keras4j.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * MKL's thread-local thread count ({@code mkl_set_num_threads_local}), called through JNA on the {@code libmkl_rt}
 * ND4J loaded as its BLAS. ND4J reaches MKL only through the global {@code MKL_Set_Num_Threads}, and JavaCPP's own MKL
 * bindings load a 25 MB JNI library (0.4 s) for the one function keras4j needs.
 */
final class MklThreads {

    private static boolean registered;

    private MklThreads() {
    }

    /**
     * Binds {@link #MKL_Set_Num_Threads_Local} to the MKL runtime at {@code path}, once.
     *
     * @throws UnsatisfiedLinkError where the library or its function cannot be reached
     */
    static synchronized void bind(String path) {
        if (!registered) {
            JnaFolder.useCache();
            Native.register(MklThreads.class, NativeLibrary.getInstance(path));
            registered = true;
        }
    }

    /**
     * Sets how many threads MKL's functions called from this thread use, 0 for MKL's global setting again; returns
     * the previous local count (0 where none was set). The name is MKL's symbol, which JNA binds by name.
     */
    static native int MKL_Set_Num_Threads_Local(int threads);

    /** The threads MKL's next function called from this thread may use (its local count, else the global one). */
    static native int MKL_Get_Max_Threads();
}
