package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.github.keras4j.Backend;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * keras4j's default for ND4J's idle native threads: OpenMP's passive wait policy and Intel OpenMP's zero block time
 * written into the process environment before ND4J loads, unless the user chose.
 */
class IdleThreadsTest {

    @Test
    void sleepingThreadsByDefault() {
        assertEquals(Map.of("OMP_WAIT_POLICY", "passive", "KMP_BLOCKTIME", "0"),
                IdleThreads.variablesToSet(null, Map.of("OMP_NUM_THREADS", "1")));
        assertEquals(IdleThreads.SLEEPING, IdleThreads.variablesToSet(" Sleep", Map.of()));
    }

    @Test
    void spinOrAUsersVariableLeavesTheRuntimesDefaults() {
        assertEquals(Map.of(), IdleThreads.variablesToSet("spin", Map.of()));
        for (String variable : IdleThreads.USER_CHOICES) {
            assertEquals(Map.of(), IdleThreads.variablesToSet(null, Map.of(variable, "1")), variable);
        }
    }

    @Test
    void aBadPropertyIsRefusedWithTheChoices() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> IdleThreads.variablesToSet("passive", Map.of()));
        assertTrue(error.getMessage().contains("keras4j.idleThreads") && error.getMessage().contains("[sleep, spin]")
                && error.getMessage().contains("'passive'"), error.getMessage());
    }

    @Test
    void theEnvironmentHoldsThePolicyOnceKeras4jStarted() throws Exception {
        assertEquals("passive 0", runChild());
        assertEquals("null null", runChild("-Dkeras4j.idleThreads=spin"));
    }

    private static String runChild(String... jvmFlags) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java"));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeAll(IdleThreads.USER_CHOICES);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(line -> line.startsWith("IDLE ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result line in\n" + output)).substring(5);
    }

    /** The C library's getenv, which sees what setenv wrote (System.getenv is the JVM's copy from its start). */
    interface CLibrary extends Library {
        String getenv(String name);
    }

    /** The child JVM: starts keras4j and prints the two variables as the native runtimes read them. */
    public static final class Probe {
        public static void main(String[] args) {
            Backend.floatx();
            CLibrary c = (CLibrary) Native.loadLibrary("c", CLibrary.class);
            System.out.println("IDLE " + c.getenv("OMP_WAIT_POLICY") + " " + c.getenv("KMP_BLOCKTIME"));
        }
    }
}
