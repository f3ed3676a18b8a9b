package io.github.keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparkClasspathTest {

    @Test
    void theTestClasspathHasSpark() {
        assertDoesNotThrow(() -> SparkClasspath.require());
    }

    @Test
    void missingSparkNamesTheDependenciesToAdd() {
        // The platform class loader sees the JDK only: neither Spark nor DL4J's Spark modules.
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> SparkClasspath.require(ClassLoader.getPlatformClassLoader()));
        assertTrue(error.getMessage().startsWith("training on Spark needs Spark and DL4J's Spark modules on the "
                + "classpath; missing: org.apache.spark:spark-core_2.12:3.5.9 (scope provided"), error.getMessage());
        assertTrue(error.getMessage().contains("org.deeplearning4j:dl4j-spark-parameterserver_2.12:1.0.0-M2"),
                error.getMessage());
    }
}
