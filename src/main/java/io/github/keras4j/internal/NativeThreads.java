package io.github.keras4j.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keras4j's thread defaults for ND4J: each operation of a compiled step on as many threads as its size repays.
 * ND4J 1.0.0-M2.1 runs any loop of more than one element as an OpenMP team of all its "master threads" (one per
 * core), and MKL's dynamic threading starts two threads even for a 4x4 weight gradient summed over 100 rows; with
 * idle threads asleep ({@link IdleThreads}) each such team costs a wake-up of 25-60 us on this project's 2-core
 * machines, more than the arithmetic of most operations in a small network's step (bench/NOTES.md section 8).
 * So the resting state is one loop thread, and the compiled step ({@code engine.step.KernelThreads}) raises the loop
 * threads to every core around its large element-wise operations and holds MKL to one thread, for the calling
 * thread only, around its small matrix products. DL4J's own fit and everything outside the compiled step run with
 * one loop thread and the BLAS's own choice.
 *
 * <p>Some libnd4j operations (softmax and its gradient among them) start an OpenMP team of their own, sized by the
 * calling thread's OpenMP setting rather than ND4J's loop threads: tutorial 004's softmax of 100 rows woke a sleeping
 * thread twice per call, 30-80 us against 9 us on one thread. So a thread running a training, evaluation or prediction
 * step (compiled, or DL4J's) also rests at one OpenMP thread ({@link #openMpThreadsHere()}), raised with the loop
 * threads for large operations.
 *
 * <p>Applied once, when the first model builds its network, unless the user chose threads: {@code OMP_NUM_THREADS}
 * or ND4J's {@code SD_MASTER_THREADS} in the environment, {@code Backend.setThreads}, or the system property
 * {@value #LOOP_THREADS_PROPERTY}; then every operation runs on the chosen threads.
 */
public final class NativeThreads {

    /** The number of threads for ND4J's loops (its master threads); keras4j's default is 1. */
    public static final String LOOP_THREADS_PROPERTY = "keras4j.loopThreads";
    /** Environment variables that size ND4J's loop threads when the JVM starts. */
    static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "SD_MASTER_THREADS");

    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

    private static boolean settled;
    // Whether keras4j's size-based choice is in force (nobody chose threads).
    private static volatile boolean adaptive;
    // ND4J's loop threads before keras4j set one: what a large operation gets.
    private static volatile int allLoopThreads = 1;
    // Whether MklThreads reaches the MKL that ND4J multiplies with.
    private static volatile boolean mklLocalThreads;
    // Whether OpenMpThreads reaches the OpenMP runtime of libnd4j's own parallel regions.
    private static volatile boolean openMpBound;
    // The OpenMP threads a thread running a compiled step should have, 0 to leave the runtime's own setting.
    private static volatile int openMpThreads;
    // What openMpThreadsHere last set in each thread (OpenMP's setting is the thread's own).
    private static final ThreadLocal<int[]> OPEN_MP_HERE = ThreadLocal.withInitial(() -> new int[1]);

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
        String property = System.getProperty(LOOP_THREADS_PROPERTY);
        Integer loopThreads = loopThreads(property, System.getenv());
        settled = true;
        if (loopThreads == null) {
            return;
        }
        int ndDefault = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(loopThreads);
        if (property == null) {
            allLoopThreads = Math.max(1, ndDefault);
            mklLocalThreads = bindMkl();
            openMpBound = bindOpenMp();
            openMpThreads = openMpBound ? 1 : 0;
            adaptive = true;
            openMpThreadsHere();
        }
    }

    /**
     * Backend.setThreads: the user's choice stands, keras4j's default is not applied over it; threads that rested at
     * one OpenMP thread get {@code threads} at their next compiled step.
     */
    public static synchronized void chosenByUser(int threads) {
        settled = true;
        adaptive = false;
        openMpThreads = openMpBound ? threads : 0;
        openMpThreadsHere();
    }

    /**
     * Gives the calling thread the OpenMP threads keras4j chose (one at rest), once per thread and change; the
     * {@code Trainer} calls it as each fit, evaluate and predict starts. Does nothing where nobody chose threads
     * through keras4j (the environment's settings stand).
     */
    public static void openMpThreadsHere() {
        int wanted = openMpThreads;
        if (wanted > 0) {
            int[] here = OPEN_MP_HERE.get();
            if (here[0] != wanted) {
                OpenMpThreads.omp_set_num_threads(wanted);
                here[0] = wanted;
            }
        }
    }

    /** The threads an OpenMP team libnd4j starts from this thread would have now, or -1 where out of reach. */
    public static int openMpThreadsNow() {
        return openMpBound ? OpenMpThreads.omp_get_max_threads() : -1;
    }

    /** Whether keras4j chooses threads per operation (nobody chose a thread count). */
    public static boolean adaptive() {
        return adaptive;
    }

    /**
     * Lets ND4J's loops use every core, for one large operation; returns false (and changes nothing) where keras4j
     * does not choose threads or there is one core. Pair with {@link #oneLoopThread()}.
     */
    public static boolean allLoopThreads() {
        if (!adaptive || allLoopThreads == 1) {
            return false;
        }
        Nd4j.getEnvironment().setMaxMasterThreads(allLoopThreads);
        if (openMpBound) {
            OpenMpThreads.omp_set_num_threads(allLoopThreads);
        }
        return true;
    }

    /** Back to the resting state of one loop thread, after {@link #allLoopThreads()} returned true. */
    public static void oneLoopThread() {
        if (adaptive) {
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            if (openMpBound) {
                OpenMpThreads.omp_set_num_threads(1);
            }
        }
    }

    /**
     * Holds MKL to one thread in the calling thread, for one small matrix product; returns false (and changes
     * nothing) where keras4j does not choose threads or the BLAS is not MKL. Pair with {@link #blasThreadsAsSet()}.
     */
    public static boolean oneBlasThreadHere() {
        if (!adaptive || !mklLocalThreads) {
            return false;
        }
        MklThreads.MKL_Set_Num_Threads_Local(1);
        return true;
    }

    /** MKL's global thread setting again in the calling thread, after {@link #oneBlasThreadHere()} returned true. */
    public static void blasThreadsAsSet() {
        MklThreads.MKL_Set_Num_Threads_Local(0);
    }

    /** The threads MKL would use for a product called from this thread now, or -1 where the BLAS is not MKL. */
    public static int mklThreadsHere() {
        return mklLocalThreads ? MklThreads.MKL_Get_Max_Threads() : -1;
    }

    private static boolean bindOpenMp() {
        // Intel's runtime, where MKL brought it, runs libnd4j's parallel regions; else ND4J's bundled GNU one.
        String runtime = NativeLibraries.loadedLibrary("iomp5");
        return bind(runtime != null ? runtime : NativeLibraries.loadedLibrary("gomp"), OpenMpThreads::bind,
                "the OpenMP runtime's thread setting is out of reach ({}): libnd4j's own parallel regions use every "
                        + "core");
    }

    private static boolean bindMkl() {
        return bind(NativeLibraries.loadedLibrary("mkl_rt"), MklThreads::bind,
                "MKL's thread-local threads are out of reach ({}): small products use MKL's own choice");
    }

    /** Binds the loaded library at {@code path} (null: not loaded) with {@code binder}; false, logged, on failure. */
    private static boolean bind(String path, Consumer<String> binder, String unavailableMessage) {
        if (path == null) {
            return false;
        }
        try {
            binder.accept(path);
            return true;
        } catch (LinkageError | RuntimeException unavailable) {
            LOG.debug(unavailableMessage, unavailable.toString());
            return false;
        }
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
