package io.github.keras4j.engine.step;

/**
 * One ND4J operation of a compiled step, bound once to the arrays it reads and writes, run any number of times
 * without creating arrays, operation objects or op contexts.
 */
@FunctionalInterface
public interface Kernel {

    void run();

    /** A kernel that does nothing (an identity that needs no copy). */
    Kernel NONE = () -> { };

    /** The kernels in order, as one. */
    static Kernel sequence(Kernel... kernels) {
        Kernel[] parts = java.util.Arrays.stream(kernels).filter(k -> k != NONE).toArray(Kernel[]::new);
        if (parts.length == 0) {
            return NONE;
        }
        if (parts.length == 1) {
            return parts[0];
        }
        return () -> {
            for (Kernel part : parts) {
                part.run();
            }
        };
    }
}
