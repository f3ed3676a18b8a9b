package io.github.keras4j.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How ND4J's idle native threads wait for work: asleep, keras4j's default, instead of spinning. ND4J's loops run on
 * GNU OpenMP and MKL's products on Intel OpenMP; both keep their idle threads spinning after each parallel region
 * (libgomp for its {@code GOMP_SPINCOUNT}, Intel's runtime for 200 ms). A training step is tens of small operations,
 * and a spinning thread takes the core the next operation needs: tutorial 004's network, whose softmax and
 * weight-gradient products start thread teams, ran 3-7x slower per step with spinning threads than with sleeping
 * ones on a busy 2-core machine (bench/NOTES.md section 7). Both runtimes read their wait policy only from the
 * environment, when they load, so {@link #configure()} writes it into this process's environment before ND4J
 * loads them: {@code OMP_WAIT_POLICY=passive} and {@code KMP_BLOCKTIME=0}. A variable the user set stays as it is;
 * {@code -D}{@value #PROPERTY}{@code =spin} leaves the runtimes' own defaults.
 */
public final class IdleThreads {

    /** keras4j's switch: {@code sleep} (the default) or {@code spin} (the OpenMP runtimes' defaults). */
    public static final String PROPERTY = "keras4j.idleThreads";
    /** The values {@value #PROPERTY} accepts. */
    public static final List<String> CHOICES = List.of("sleep", "spin");
    /** The variables that put idle threads to sleep: GNU OpenMP's policy, Intel OpenMP's spin time. */
    static final Map<String, String> SLEEPING = Map.of("OMP_WAIT_POLICY", "passive", "KMP_BLOCKTIME", "0");
    /** Variables through which the user already chose how idle threads wait. */
    static final List<String> USER_CHOICES = List.of("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "KMP_BLOCKTIME",
            "KMP_LIBRARY");

    private static final Logger LOG = LoggerFactory.getLogger(IdleThreads.class);
    private static boolean configured;

    private IdleThreads() {
    }

    /** The C library's {@code setenv}, which the OpenMP runtimes' {@code getenv} reads. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Writes the sleeping wait policy into the process environment, once per JVM, unless the user chose (the
     * property, or any of {@link #USER_CHOICES} in the environment). Must run before ND4J loads its native
     * libraries; later it changes nothing that is loaded. Where the C library cannot be reached (no JNA), the
     * runtimes keep their defaults and a debug line says so.
     *
     * @throws IllegalArgumentException when {@value #PROPERTY} is not one of {@link #CHOICES}
     */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        Map<String, String> variables = variablesToSet(System.getProperty(PROPERTY), System.getenv());
        if (variables.isEmpty()) {
            return;
        }
        JnaFolder.useCache();
        try {
            CLibrary c = (CLibrary) Native.loadLibrary("c", CLibrary.class);
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                c.setenv(variable.getKey(), variable.getValue(), 0);
            }
        } catch (LinkageError | RuntimeException unavailable) {
            LOG.debug("could not set {} for ND4J's native threads: {}", variables, unavailable.toString());
        }
    }

    /**
     * The environment variables to set: {@link #SLEEPING}, or none where the property says {@code spin} or the
     * environment already holds any of {@link #USER_CHOICES}.
     */
    static Map<String, String> variablesToSet(String property, Map<String, String> environment) {
        if (property != null) {
            String value = property.strip().toLowerCase(Locale.ROOT);
            if (!CHOICES.contains(value)) {
                throw new IllegalArgumentException("the system property " + PROPERTY + " must be one of " + CHOICES
                        + " (how ND4J's idle native threads wait); got '" + property + "'");
            }
            if (value.equals("spin")) {
                return Map.of();
            }
        }
        for (String variable : USER_CHOICES) {
            if (environment.containsKey(variable)) {
                return Map.of();
            }
        }
        return new LinkedHashMap<>(SLEEPING);
    }
}
