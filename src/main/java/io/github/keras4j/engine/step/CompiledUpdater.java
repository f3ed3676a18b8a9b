package io.github.keras4j.engine.step;

/** An updater applied to one block of the gradient: replaces the gradient by the step DL4J subtracts. */
@FunctionalInterface
public interface CompiledUpdater {

    /** Applies the rule of update {@code iteration} (counted from 0) in {@code epoch}, as DL4J's applyUpdater. */
    void apply(int iteration, int epoch);
}
