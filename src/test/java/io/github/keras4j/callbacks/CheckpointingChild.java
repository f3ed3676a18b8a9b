package io.github.keras4j.callbacks;

import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import java.nio.file.Path;

/**
 * The child JVM of {@link ModelCheckpointCrashTest}: trains XOR in one batch per epoch, checkpointing the whole
 * model after every batch to the file given, until it is killed.
 */
public final class CheckpointingChild {

    private CheckpointingChild() {
    }

    public static void main(String[] args) {
        Sequential model = new Sequential();
        model.add(new Dense(32, "relu").inputDim(2));
        model.add(new Dense(32, "relu"));
        model.add(new Dense(1, "sigmoid"));
        model.seed(1);
        model.compile("adam", "binary_crossentropy", "accuracy");
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        model.fit(x, y, Fit.epochs(Integer.MAX_VALUE).batchSize(4).verbose(0)
                .callbacks(new ModelCheckpoint(Path.of(args[0]).toString())));
    }
}
