package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Backend's thread setting reaches ND4J's loops and its BLAS, and rejects nonsense. */
class BackendTest {

    @Test
    void setThreadsCapsNd4jAndBlas() {
        int before = Backend.threads();
        int loopPool = Nd4j.getEnvironment().maxThreads();
        try {
            Backend.setThreads(1);
            assertEquals(1, Backend.threads());
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
            assertEquals(loopPool, Nd4j.getEnvironment().maxThreads(), "the loop pool is fixed at start");
        } finally {
            Backend.setThreads(before);
        }
        assertEquals(before, Backend.threads());
    }

    @Test
    void zeroThreadsIsRejectedWithTheValue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Backend.setThreads(0));
        assertTrue(error.getMessage().contains("got 0"), error.getMessage());
    }
}
