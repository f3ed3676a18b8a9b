package io.github.keras4j.internal;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * keras4j's thread defaults for ND4J: its element-wise loops, reductions and broadcasts on one thread, its BLAS on
 * every core. ND4J 1.0.0-M2.1 runs any loop of more than one element as an OpenMP team of all its "master threads"
 * (one per core), and the idle OpenMP threads spin between the tens of small operations of a training step: on
 * two cores that made the XOR tutorials 2.5-3x slower than one thread (bench/NOTES.md). The BLAS chooses its
 * threads per product itself (MKL's dynamic threading, OpenBLAS's size threshold): tiny products run on one
 * thread, large ones on all cores. Applied once, when the first model builds its network, unless the user chose
 * threads: {@code OMP_NUM_THREADS} or ND4J's {@code SD_MASTER_THREADS} in the environment, {@code Backend.setThreads},
 * or the system property {@value #LOOP_THREADS_PROPERTY}.
 */
public final class NativeThreads {

    /** The number of threads for ND4J's loops (its master threads); keras4j's default is 1. */
    public static final String LOOP_THREADS_PROPERTY = "keras4j.loopThreads";
    /** Environment variables that size ND4J's loop threads when the JVM starts. */
    static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "SD_MASTER_THREADS");

    private static boolean settled;

    private NativeThreads() {
    }

    /**
     * Sets ND4J's loop threads to keras4j's default (1, or {@value #LOOP_THREADS_PROPERTY}) the first time it is
     * called in this JVM, unless the threads were chosen already; starts ND4J.
     *
     * @throws IllegalArgumentException when {@value #LOOP_THREADS_PROPERTY} is not a positive whole number
     */
    public static synchronized void applyDefaults() {
        if (settled) {
            return;
        }
        Integer loopThreads = loopThreads(System.getProperty(LOOP_THREADS_PROPERTY), System.getenv());
        settled = true;
        if (loopThreads != null) {
            Nd4j.getEnvironment().setMaxMasterThreads(loopThreads);
        }
    }

    /** Backend.setThreads: the user's choice stands, keras4j's default is not applied over it. */
    public static synchronized void chosenByUser() {
        settled = true;
    }

    /**
     * The loop threads keras4j sets, or null to leave ND4J's: the property's value, else 1, else null where the
     * environment sizes ND4J's threads.
     */
    static Integer loopThreads(String property, Map<String, String> environment) {
        if (property != null) {
            try {
                int threads = Integer.parseInt(property.strip());
                if (threads >= 1) {
                    return threads;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("the system property " + LOOP_THREADS_PROPERTY + " must be a whole "
                    + "number of threads, at least 1; got '" + property + "'");
        }
        for (String variable : THREAD_VARIABLES) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return null;
            }
        }
        return 1;
    }
}
