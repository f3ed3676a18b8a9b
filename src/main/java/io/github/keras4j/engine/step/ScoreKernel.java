package io.github.keras4j.engine.step;

/** Kernels that end in a number read back into Java: a loss's score, a regularization penalty. */
@FunctionalInterface
public interface ScoreKernel {

    double run();
}
