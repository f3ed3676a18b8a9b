package io.github.keras4j.engine;

import io.github.keras4j.losses.Loss;
import io.github.keras4j.optimizers.Optimizer;
import java.util.Objects;

/** What {@code compile} fixes for training: the optimizer and the loss. */
public record TrainingSetup(Optimizer optimizer, Loss loss) {

    public TrainingSetup {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
    }
}
