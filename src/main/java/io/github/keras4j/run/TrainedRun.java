package io.github.keras4j.run;

import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Training#run} produced: the trained model, its History, the test scores ({@code [loss, metrics...]}
 * in {@code model.metricsNames()} order, or null without test data) and the files written.
 */
public record TrainedRun(RunConfig config, Sequential model, History history, double[] testScores,
        Path modelFile, Path historyFile, Path predictionsFile) {

    /** The files written, in the order model, history, predictions. */
    public List<Path> files() {
        return List.of(modelFile, historyFile, predictionsFile);
    }
}
