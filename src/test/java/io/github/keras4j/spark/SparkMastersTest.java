package io.github.keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Master URLs are checked before Spark starts: a bad one is an error naming it and listing the valid forms. */
class SparkMastersTest {

    @Test
    void localAndClusterUrlsAreAccepted() {
        for (String master : new String[] {"local", "local[2]", "local[*]", "local[4,2]", "yarn",
                "k8s://https://example.org:443", "mesos://example.org:5050"}) {
            assertDoesNotThrow(() -> SparkMasters.check(master), master);
        }
    }

    @Test
    void aMalformedUrlListsTheValidForms() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SparkMasters.check("spork://host:7077"));
        assertEquals("Could not parse Spark master URL: 'spork://host:7077'. Valid Spark masters: local, local[N], "
                + "local[*], local[N,F], spark://host:port, yarn, k8s://https://host:port, mesos://host:port",
                error.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkMasters.check("local[0]")).getMessage()
                .startsWith("Spark master URL 'local[0]' is not a local one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkMasters.check("spark://host"))
                .getMessage().startsWith("Spark master URL 'spark://host' has 'host' where host:port belongs"));
    }

    @Test
    void aStandaloneMasterThatCannotBeReachedIsAnErrorBeforeSparkStarts() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int port = closedPort;
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SparkMasters.start("spark://127.0.0.1:" + port, "test"));
        assertTrue(error.getMessage().startsWith("cannot reach the Spark master spark://127.0.0.1:" + port
                + ": 127.0.0.1:" + port + " connection refused"), error.getMessage());
    }

    @Test
    void noMasterOutsideSparkSubmitIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SparkMasters.start(null, "test"));
        assertTrue(error.getMessage().startsWith("no Spark master"), error.getMessage());
    }
}
