package io.github.keras4j.cli;

import static io.github.keras4j.Fit.epochs;

import io.github.keras4j.Backend;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import java.nio.file.Path;

/** Small trained models saved to files, for the commands that read models. */
final class TrainedModels {

    static final float[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final float[][] XOR_Y = {{0}, {1}, {1}, {0}};

    private TrainedModels() {
    }

    /** Tutorial 002's network after a few epochs on XOR, saved to {@code file}. */
    static Sequential xor(Path file) {
        Backend.clearSession();
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(16, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "mean_squared_error", "binary_accuracy");
        model.fit(XOR_X, XOR_Y, epochs(5).verbose(0));
        model.save(file);
        return model;
    }
}
