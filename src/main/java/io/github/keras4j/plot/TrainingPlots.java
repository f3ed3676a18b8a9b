package io.github.keras4j.plot;

import io.github.keras4j.History;
import io.github.keras4j.Model;
import io.github.keras4j.internal.OptionalDependency;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every picture of a finished training run in one directory: what {@code keras4j train CONFIG --plots DIR} writes.
 */
public final class TrainingPlots {

    static {
        Headless.ensure();
    }

    public static final String HISTORY = "history.png";
    public static final String DECISION_REGIONS = "decision_regions.png";
    public static final String REPRESENTATION = "representation.png";
    public static final String PARAMETERS = "parameters.png";
    public static final String ANIMATION = "representation.gif";
    public static final String MISCLASSIFIED = "misclassified.png";

    private TrainingPlots() {
    }

    /**
     * Writes into {@code dir} (created if missing): {@value #HISTORY} always; {@value #DECISION_REGIONS} when
     * {@code x} and {@code y} are given and the model is a classifier of 2 input features (see
     * {@link Plots#decisionRegions}); {@value #MISCLASSIFIED} when they are given and the model classifies grey-scale
     * images (see {@link Plots#misclassified}); {@value #REPRESENTATION}, {@value #PARAMETERS} and {@value #ANIMATION} when a
     * recorder that was passed to {@code fit} is given. Returns the files written, in that order; a picture left out
     * for one of these reasons is absent from the list.
     */
    public static List<Path> writeAll(Model model, History history, INDArray x, INDArray y,
            RepresentationRecorder recorderOrNull, Path dir) {
        OptionalDependency.XCHART.require();
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(dir, "dir");
        List<Path> written = new ArrayList<>();
        written.add(Plots.history(history, dir.resolve(HISTORY)));
        if (x != null && y != null && drawsDecisionRegions(model)) {
            written.add(Plots.decisionRegions(model, x, y, dir.resolve(DECISION_REGIONS)));
        }
        if (x != null && y != null && drawsMisclassified(model)) {
            written.add(Plots.misclassified(model, x, y, dir.resolve(MISCLASSIFIED)));
        }
        if (recorderOrNull != null) {
            written.add(recorderOrNull.writeRepresentation(dir.resolve(REPRESENTATION)));
            written.add(recorderOrNull.writeParameters(dir.resolve(PARAMETERS)));
            written.add(recorderOrNull.writeAnimation(dir.resolve(ANIMATION)));
        }
        return written;
    }

    /** Whether {@link Plots#decisionRegions} can draw this model: 2 input features and a classifier output. */
    public static boolean drawsDecisionRegions(Model model) {
        OptionalDependency.XCHART.require();
        if (model.inputShape().length != 1 || model.inputUnits() != 2) {
            return false;
        }
        try {
            DecisionRegions.outputOf(model);
            return true;
        } catch (IllegalArgumentException notAClassifier) {
            return false;
        }
    }

    /**
     * Whether {@link Plots#misclassified} can draw this model: it takes grey-scale images
     * ({@code [height, width, 1]}) and outputs one probability per class.
     */
    public static boolean drawsMisclassified(Model model) {
        OptionalDependency.XCHART.require();
        long[] input = model.inputShape();
        if (input.length != 3 || input[2] != 1) {
            return false;
        }
        try {
            return model.outputUnits() >= 2;
        } catch (UnsupportedOperationException notUnits) {
            return false;
        }
    }
}
