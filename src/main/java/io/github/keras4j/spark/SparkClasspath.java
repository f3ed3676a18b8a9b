package io.github.keras4j.spark;

import static io.github.keras4j.internal.OptionalDependency.present;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that Spark and DL4J's Spark modules are on the classpath before any class that needs them is loaded, so
 * that a missing jar is an error naming the dependency to add, not a {@code NoClassDefFoundError}. This class
 * refers to no Spark class itself.
 */
public final class SparkClasspath {

    /** Spark's version keras4j is built and tested with (a cluster may bring another 3.x for Scala 2.12). */
    public static final String SPARK_DEPENDENCY = "org.apache.spark:spark-core_2.12:3.5.9";
    /** DL4J's Spark training (it brings dl4j-spark3_2.12), which exists at 1.0.0-M2 only. */
    public static final String DL4J_SPARK_DEPENDENCY = "org.deeplearning4j:dl4j-spark-parameterserver_2.12:1.0.0-M2";

    private SparkClasspath() {
    }

    /**
     * @throws IllegalStateException naming each missing dependency
     */
    public static void require() {
        require(SparkClasspath.class.getClassLoader());
    }

    /** {@link #require()} for the classes {@code loader} sees. */
    static void require(ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        if (!present(loader, "org.apache.spark.api.java.JavaSparkContext") || !present(loader, "scala.Product")) {
            missing.add(SPARK_DEPENDENCY + " (scope provided: spark-submit brings it; ./keras4j takes it from "
                    + "target/spark-lib)");
        }
        if (!present(loader, "org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer")
                || !present(loader, "org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster")) {
            missing.add(DL4J_SPARK_DEPENDENCY);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("training on Spark needs Spark and DL4J's Spark modules on the classpath; "
                    + "missing: " + String.join(", ", missing) + ". Add " + (missing.size() == 1 ? "it" : "them")
                    + " to your build (keras4j declares them optional), or build keras4j with mvn package "
                    + "and run ./keras4j, which puts them on its classpath");
        }
    }
}
