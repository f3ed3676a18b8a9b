package io.github.keras4j;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Global settings, as {@code keras.backend}: the float type of new layers ({@link #setFloatx}), Keras's fuzz
 * factor ({@link #epsilon()}), the per-session layer name counters that {@link #clearSession()} resets, and the
 * number of threads ND4J computes with ({@link #setThreads}, as {@code tf.config.threading}).
 */
public final class Backend {

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
     * threads, as {@code tf.config.threading.set_intra_op_parallelism_threads}. ND4J starts with one thread per
     * core. The size of ND4J's own loop thread pool is fixed when ND4J starts: only the environment variable
     * {@code OMP_NUM_THREADS}, set before the JVM starts, changes it (ND4J 1.0.0-M2.1's
     * {@code Environment.setMaxThreads} does nothing), so the {@code keras4j} launcher passes it through. Small
     * networks (the XOR tutorials) step as fast or faster on one thread, large matrix products want every core;
     * see bench/NOTES.md.
     *
     * @param threads at least 1
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The number of threads ND4J's matrix products may use now (see {@link #setThreads}). */
    public static int threads() {
        return Nd4j.factory().blas().getMaxThreads();
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
