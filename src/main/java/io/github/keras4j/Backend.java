package io.github.keras4j;

import io.github.keras4j.internal.NativeLibraries;
import io.github.keras4j.internal.NativeThreads;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Global settings, as {@code keras.backend}: the float type of new layers ({@link #setFloatx}), Keras's fuzz
 * factor ({@link #epsilon()}), the per-session layer name counters that {@link #clearSession()} resets, and the
 * number of threads ND4J computes with ({@link #setThreads}, as {@code tf.config.threading}), and the native
 * libraries ND4J runs on ({@link #blas}, {@link #setBlas}, {@link #nativeBuild}).
 *
 * <p>Every keras4j entry point (layers, models, the command line) touches this class before ND4J starts; its
 * static initializer chooses ND4J's native libraries then ({@code internal.NativeLibraries}): Intel MKL as the BLAS
 * where its jar is on the class path, and ND4J's AVX2 or AVX-512 build where its jar is on the class path and the
 * CPU has its instructions (the plain x86-64 build otherwise). docs/performance.md lists the switches.
 */
public final class Backend {

    static {
        NativeLibraries.configure();
    }

    /** Keras's {@code backend.epsilon()}: the fuzz factor losses and optimizers use by default. */
    public static final double EPSILON = 1e-7;

    /** The system property that turns the compiled training and inference steps off ({@code false}). */
    public static final String COMPILED_STEPS_PROPERTY = "keras4j.compiledSteps";

    private static volatile String floatx = "float32";
    private static volatile Boolean compiledSteps;
    private static final Map<String, Integer> NAME_COUNTERS = new HashMap<>();

    private Backend() {
    }

    /** The float type new layers get: {@code "float32"} (the default) or {@code "float64"}. */
    public static String floatx() {
        return floatx;
    }

    /**
     * Sets the float type of layers created from now on, as {@code keras.backend.set_floatx}.
     *
     * @param name {@code "float32"} or {@code "float64"} ({@code "float16"} is not supported by DL4J's CPU layers)
     */
    public static void setFloatx(String name) {
        toDataType(name);
        floatx = name;
    }

    /**
     * Whether {@code fit}, {@code evaluate} and {@code predict} run keras4j's compiled steps (the default) or DL4J's
     * {@code MultiLayerNetwork.fit} and {@code output}. Both compute the same numbers; the compiled steps allocate
     * their arrays once and run several times faster. DL4J's path remains for comparison, for networks carrying DL4J
     * training listeners, and as Spark's worker path. No Keras equivalent (like {@code jit_compile} in spirit).
     */
    public static void compiledSteps(boolean enabled) {
        compiledSteps = enabled;
    }

    /**
     * Whether the compiled steps run: as last set by {@link #compiledSteps(boolean)}, else the system property
     * {@value #COMPILED_STEPS_PROPERTY} ({@code -Dkeras4j.compiledSteps=false} turns them off), else true.
     */
    public static boolean compiledSteps() {
        Boolean set = compiledSteps;
        if (set != null) {
            return set;
        }
        String property = System.getProperty(COMPILED_STEPS_PROPERTY);
        if (property == null) {
            return true;
        }
        if (!property.equalsIgnoreCase("true") && !property.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("system property " + COMPILED_STEPS_PROPERTY + "=" + property
                    + " is not a boolean; valid: true, false");
        }
        return Boolean.parseBoolean(property);
    }

    /** Keras's {@code backend.epsilon()}. */
    public static double epsilon() {
        return EPSILON;
    }

    /** Forgets the layer and model name counters, as {@code keras.backend.clear_session()}: names restart at {@code dense}. */
    public static void clearSession() {
        synchronized (NAME_COUNTERS) {
            NAME_COUNTERS.clear();
        }
    }

    /**
     * Caps the threads ND4J uses in this process for BLAS (matrix products) and for its parallel loops' master
     * threads, as {@code tf.config.threading.set_intra_op_parallelism_threads}. keras4j's default, when the first
     * model builds its network, is every core for the BLAS (which picks the threads per product size) and one
     * thread for ND4J's element-wise loops ({@code internal.NativeThreads}; {@code -Dkeras4j.loopThreads=n} changes
     * that number); this call replaces both. The size of ND4J's own loop thread pool is fixed when ND4J starts:
     * only the environment variable {@code OMP_NUM_THREADS}, set before the JVM starts, changes it (ND4J
     * 1.0.0-M2.1's {@code Environment.setMaxThreads} does nothing), so the {@code keras4j} launcher passes it
     * through. On a machine busy with other work one thread is often fastest for every network; see bench/NOTES.md.
     *
     * @param threads at least 1
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        NativeThreads.chosenByUser(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The number of threads ND4J's element-wise loops may use now (see {@link #setThreads}). */
    public static int loopThreads() {
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    /** The number of threads ND4J's matrix products may use now (see {@link #setThreads}). */
    public static int threads() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    /**
     * The BLAS ND4J multiplies matrices with: {@code "mkl"} (Intel MKL, the default where its jar is on the class
     * path) or {@code "openblas"} (ND4J's bundled OpenBLAS, the fallback). Starts ND4J if it has not started.
     */
    public static String blas() {
        return Nd4j.factory().blas().getBlasVendor().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Chooses the BLAS before ND4J starts, as the system property {@code -Dkeras4j.blas=mkl|openblas} does: call it
     * before the first model or array. MKL falls back to OpenBLAS where its jar is missing or fails to load;
     * {@link #blas()} says which loaded.
     *
     * @param name {@code "mkl"} or {@code "openblas"}
     * @throws IllegalArgumentException for another name
     * @throws IllegalStateException when ND4J's BLAS is already loaded
     */
    public static void setBlas(String name) {
        NativeLibraries.chooseBlasBeforeStart(name);
    }

    /**
     * The build of ND4J's native library this JVM loaded, as JavaCPP's platform directory: {@code linux-x86_64}
     * (the plain x86-64 build), {@code linux-x86_64-avx2} or {@code linux-x86_64-avx512}. Starts ND4J if needed.
     */
    public static String nativeBuild() {
        Nd4j.getEnvironment();
        return NativeLibraries.loadedNativeBuild();
    }

    /** The ND4J data type of a Keras float type name. */
    public static DataType toDataType(String floatType) {
        if ("float32".equals(floatType)) {
            return DataType.FLOAT;
        }
        if ("float64".equals(floatType)) {
            return DataType.DOUBLE;
        }
        throw new IllegalArgumentException("unknown floatx '" + floatType + "'; valid: float32, float64");
    }

    /**
     * A session-unique name with the given prefix, as Keras's {@code backend.unique_object_name}:
     * {@code dense}, then {@code dense_1}, {@code dense_2}...
     */
    public static String uniqueName(String prefix) {
        synchronized (NAME_COUNTERS) {
            int count = NAME_COUNTERS.merge(prefix, 1, Integer::sum);
            return count == 1 ? prefix : prefix + "_" + (count - 1);
        }
    }
}
