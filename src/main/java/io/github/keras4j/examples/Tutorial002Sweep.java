package io.github.keras4j.examples;

import io.github.keras4j.sweep.SweepConfig;
import java.nio.file.Path;

/**
 * Tutorial 002's advice, "play with the parameters to see how many iterations it needs to achieve the 100%
 * accuracy rate", as a sweep: runs the grid of a sweep config (default {@code configs/sweep_tutorial002.json}) and
 * prints the epochs each setting needs, per seed and as the median.
 */
public final class Tutorial002Sweep {

    private Tutorial002Sweep() {
    }

    public static void main(String[] args) {
        SweepConfig.read(Path.of(args.length > 0 ? args[0] : "configs/sweep_tutorial002.json")).run();
    }
}
