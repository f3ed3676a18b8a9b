package io.github.keras4j.internal;

/**
 * A library keras4j declares optional in its pom, so that an application depending on keras4j gets DL4J, ND4J,
 * DataVec and the HDF5 reader only: picocli for the command line and XChart for plots. The feature that needs one
 * calls {@link #require()} before any class that refers to the library loads, so that a missing jar is an error
 * naming the dependency to add, not a {@code NoClassDefFoundError}. This class refers to neither library.
 * (Spark, optional as well, has its own check with more to say: {@code spark.SparkClasspath}.)
 */
public enum OptionalDependency {

    /** The command line ({@code cli.Main}, {@code cli.Keras4jCommand}). */
    PICOCLI("the command line needs picocli", "info.picocli:picocli:4.7.6", "picocli.CommandLine"),
    /** The pictures of the {@code plot} package and of {@code keras4j train --plots}. */
    XCHART("plots need XChart", "org.knowm.xchart:xchart:3.8.8", "org.knowm.xchart.XYChart");

    private final String whatNeedsIt;
    private final String coordinates;
    private final String probeClass;

    OptionalDependency(String whatNeedsIt, String coordinates, String probeClass) {
        this.whatNeedsIt = whatNeedsIt;
        this.coordinates = coordinates;
        this.probeClass = probeClass;
    }

    /** The Maven coordinates keras4j is built and tested with, {@code groupId:artifactId:version}. */
    public String coordinates() {
        return coordinates;
    }

    /**
     * @throws IllegalStateException naming the feature, the missing dependency's coordinates and how to add it
     */
    public void require() {
        require(OptionalDependency.class.getClassLoader());
    }

    /** {@link #require()} for the classes {@code loader} sees. */
    void require(ClassLoader loader) {
        if (!present(loader, probeClass)) {
            throw new IllegalStateException(whatNeedsIt + " on the classpath; missing: " + coordinates + ". Add it to "
                    + "your build (keras4j declares it optional; README \"Use it in your project\"), or build keras4j "
                    + "with mvn package and run ./keras4j, which has it on its classpath");
        }
    }

    /** Whether {@code loader} finds {@code className}, without initializing it; a class that cannot link is absent. */
    public static boolean present(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
