package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * keras4j's thread defaults: ND4J's loops on one thread and its BLAS on every core once a model builds its
 * network, unless the environment, the system property or {@code Backend.setThreads} chose. Child JVMs, since the
 * defaults apply once per JVM.
 */
class NativeThreadsTest {

    @Test
    void oneLoopThreadByDefault() {
        assertEquals(1, NativeThreads.loopThreads(null, Map.of()));
    }

    @Test
    void thePropertySetsTheLoopThreads() {
        assertEquals(2, NativeThreads.loopThreads(" 2", Map.of("OMP_NUM_THREADS", "4")));
    }

    @Test
    void ompNumThreadsOrNd4jsOwnVariableLeavesNd4jAlone() {
        assertNull(NativeThreads.loopThreads(null, Map.of("OMP_NUM_THREADS", "2")));
        assertNull(NativeThreads.loopThreads(null, Map.of("SD_MASTER_THREADS", "2")));
        assertEquals(1, NativeThreads.loopThreads(null, Map.of("OMP_NUM_THREADS", " ")));
    }

    @Test
    void aBadPropertyIsRefusedWithItsValue() {
        for (String bad : List.of("0", "-1", "two", "1.5")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> NativeThreads.loopThreads(bad, Map.of()));
            assertTrue(error.getMessage().contains("keras4j.loopThreads") && error.getMessage().contains("'" + bad + "'"),
                    error.getMessage());
        }
    }

    @Test
    void aModelsFirstNetworkSetsOneLoopThreadAndLeavesTheBlasItsCores() throws Exception {
        String[] threads = runChild(Map.of());
        String cores = String.valueOf(Runtime.getRuntime().availableProcessors());
        assertEquals("1", threads[0]);
        assertEquals(cores, threads[1]);
        assertEquals("adaptive", threads[2]);
        assertEquals(cores, threads[3], "a large operation's loop threads");
        assertEquals("1", threads[4], "loop threads after it");
        if (threads[7].equals("mkl")) {
            assertEquals("1", threads[5], "MKL's threads in this thread for a small product");
            assertEquals(cores, threads[6], "MKL's threads after the small product");
        } else {
            assertEquals("-1", threads[5], "OpenBLAS chooses its threads per product itself");
        }
        assertEquals("1", threads[8], "libnd4j's own OpenMP teams in the thread that built the network");
        assertEquals(cores, threads[9], "and for a large operation");
        assertEquals("1", threads[10], "and after it");
        assertEquals(cores, threads[11], "another thread before its first compiled step: the runtime's own setting");
        assertEquals("1", threads[12], "that thread after its first compiled step");
        assertEquals(cores, threads[13], "a thread training through DL4J's fit, before");
        assertEquals("1", threads[14], "and after its first step");
        assertEquals("2", threads[15], "Backend.setThreads(2), at the next compiled step");
    }

    @Test
    void withOpenBlasLibnd4jsOwnTeamsRestOnGnuOpenMp() throws Exception {
        String[] threads = runChild(Map.of(), "-D" + NativeLibraries.BLAS_PROPERTY + "=openblas");
        assertEquals("openblas", threads[7]);
        assertEquals("1", threads[8], "ND4J's GNU OpenMP runs libnd4j's own teams without MKL");
        assertEquals("1", threads[12]);
    }

    @Test
    void theUsersChoicesStand() throws Exception {
        String[] property = runChild(Map.of(), "-Dkeras4j.loopThreads=2");
        assertEquals("2", property[0]);
        assertEquals("fixed", property[2]);
        assertEquals("2", property[3], "no per-operation choice over the user's");
        assertEquals("2", property[4]);
        String[] environment = runChild(Map.of("OMP_NUM_THREADS", "2"));
        assertEquals("2", environment[0], "ND4J's own reading of OMP_NUM_THREADS");
        assertEquals("fixed", environment[2]);
        assertEquals("-1", environment[5], "keras4j leaves MKL's threads alone");
        assertEquals("-1", environment[8], "and the OpenMP runtime's");
    }

    /** Runs {@link Probe} with these environment variables (and no other thread variable); {loop, BLAS} threads. */
    private static String[] runChild(Map<String, String> environment, String... jvmFlags) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java"));
        command.addAll(Arrays.asList(jvmFlags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("OMP_NUM_THREADS", "SD_MASTER_THREADS", "MKL_NUM_THREADS",
                "OPENBLAS_NUM_THREADS"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(line -> line.startsWith("THREADS ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result line in\n" + output)).substring(8).split(" ");
    }

    /**
     * The child JVM: builds a model's network and prints ND4J's loop and BLAS threads, whether keras4j chooses
     * threads per operation, the loop threads for a large operation and after it, and the BLAS threads of this
     * thread for a small product and after it, and the BLAS.
     */
    public static final class Probe {
        public static void main(String[] args) {
            Sequential model = new Sequential();
            model.add(new Dense(1).inputDim(2));
            model.network();
            StringBuilder line = new StringBuilder("THREADS " + Backend.loopThreads() + " " + Backend.threads());
            line.append(NativeThreads.adaptive() ? " adaptive" : " fixed");
            int openMpResting = NativeThreads.openMpThreadsNow();
            boolean wide = NativeThreads.allLoopThreads();
            line.append(' ').append(Backend.loopThreads());
            int openMpWide = NativeThreads.openMpThreadsNow();
            if (wide) {
                NativeThreads.oneLoopThread();
            }
            line.append(' ').append(Backend.loopThreads());
            boolean narrow = NativeThreads.oneBlasThreadHere();
            line.append(' ').append(NativeThreads.mklThreadsHere());
            if (narrow) {
                NativeThreads.blasThreadsAsSet();
            }
            line.append(' ').append(NativeThreads.mklThreadsHere());
            line.append(' ').append(Backend.blas());
            line.append(' ').append(openMpResting).append(' ').append(openMpWide);
            line.append(' ').append(NativeThreads.openMpThreadsNow());
            // Another thread: the runtime's own setting until its first compiled step, keras4j's after it.
            model.compile("sgd", "mean_squared_error");
            line.append(openMpBeforeAndAfterFitOnNewThread(model));
            // A thread training through DL4J's fit (the fallback path) rests as well.
            Backend.compiledSteps(false);
            line.append(openMpBeforeAndAfterFitOnNewThread(model));
            Backend.compiledSteps(true);
            // The user's later choice reaches a thread that rested at one OpenMP thread.
            Backend.setThreads(2);
            model.fit(new double[][] {{0, 1}}, new double[][] {{1}}, Fit.epochs(1).verbose(0));
            line.append(' ').append(NativeThreads.openMpThreadsNow());
            System.out.println(line);
        }

        /** " before after": a new thread's OpenMP threads before and after it trains {@code model} one epoch. */
        private static String openMpBeforeAndAfterFitOnNewThread(Sequential model) {
            int[] threads = new int[2];
            Thread trainer = new Thread(() -> {
                threads[0] = NativeThreads.openMpThreadsNow();
                model.fit(new double[][] {{0, 1}}, new double[][] {{1}}, Fit.epochs(1).verbose(0));
                threads[1] = NativeThreads.openMpThreadsNow();
            });
            trainer.start();
            try {
                trainer.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return " " + threads[0] + " " + threads[1];
        }
    }
}
