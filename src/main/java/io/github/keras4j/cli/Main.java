package io.github.keras4j.cli;

import io.github.keras4j.internal.OptionalDependency;

/**
 * The entry point of the {@code keras4j} command line (the jar's {@code Main-Class}, run by {@code ./keras4j}):
 * checks that picocli, an optional dependency of keras4j, is on the classpath, then runs {@link Keras4jCommand}.
 * Without picocli it prints one line naming the dependency to add and exits with
 * {@link Keras4jCommand#EXIT_FAILED}. This class refers to no picocli type: {@code Keras4jCommand} cannot even be
 * loaded without picocli (the JVM's verifier needs picocli's classes to check it).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try {
            OptionalDependency.PICOCLI.require();
        } catch (IllegalStateException missing) {
            System.err.println("keras4j: error: " + missing.getMessage());
            System.exit(Keras4jCommand.EXIT_FAILED);
        }
        Keras4jCommand.main(args);
    }
}
