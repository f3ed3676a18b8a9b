package io.github.keras4j.run;

import io.github.keras4j.History;
import io.github.keras4j.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Training#run} produced: the trained model, its History, the test scores ({@code [loss, metrics...]}
 * in {@code model.metricsNames()} order, or null without test data), the files written, and why a picture that was
 * asked for was left out ({@code plotNotes}).
 */
public record TrainedRun(RunConfig config, Model model, History history, double[] testScores,
        Path modelFile, Path historyFile, Path predictionsFile, List<Path> plotFiles, List<String> plotNotes) {

    /** The files written, in the order model, history, predictions, then the pictures. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(modelFile, historyFile, predictionsFile));
        files.addAll(plotFiles);
        return files;
    }
}
