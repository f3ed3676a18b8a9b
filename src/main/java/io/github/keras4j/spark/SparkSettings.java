package io.github.keras4j.spark;

/**
 * The checks of the Spark training settings, shared by {@link SparkTraining} and the run config's {@code spark}
 * section. Refers to no Spark class, so that a config can be checked where Spark is not on the classpath.
 */
public final class SparkSettings {

    private SparkSettings() {
    }

    /** @throws IllegalArgumentException unless {@code batches >= 1} */
    public static int averagingFrequency(int batches) {
        if (batches < 1) {
            throw new IllegalArgumentException("averaging_frequency must be at least 1, received: " + batches);
        }
        return batches;
    }

    /** @throws IllegalArgumentException unless {@code threshold} is a finite number {@code > 0} */
    public static double threshold(double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a number > 0, received: " + threshold);
        }
        return threshold;
    }

    /** @throws IllegalArgumentException unless {@code workers >= 1} */
    public static int workers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, received: " + workers);
        }
        return workers;
    }

    /** @throws IllegalArgumentException unless {@code port} is in 1..65535 */
    public static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, received: " + port);
        }
        return port;
    }
}
