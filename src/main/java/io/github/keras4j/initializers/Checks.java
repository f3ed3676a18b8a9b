package io.github.keras4j.initializers;

/** Argument checks shared by the initializers; each message names the argument and echoes the bad value. */
final class Checks {

    private Checks() {
    }

    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, received: " + value);
        }
        return value;
    }

    static double positive(String name, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive, received: " + value);
        }
        return value;
    }
}
