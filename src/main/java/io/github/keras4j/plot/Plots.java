package io.github.keras4j.plot;

import io.github.keras4j.History;
import io.github.keras4j.Model;
import io.github.keras4j.internal.OptionalDependency;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pictures of a training run, written as PNG files through XChart, without a display (AWT runs headless). What a
 * Keras user draws with matplotlib after {@code fit}:
 * <pre>{@code
 * History history = model.fit(x, y, Fit.epochs(200).validationSplit(0.2));
 * Plots.history(history, Path.of("history.png"));               // plt.plot(history.history["loss"]) ...
 * Plots.decisionRegions(model, xTest, yTest, Path.of("regions.png"));
 * }</pre>
 * {@code Plots.misclassified(model, xTest, yTest, path)} shows the images an image classifier gets wrong.
 * {@link RepresentationRecorder} records hidden representations and weights during {@code fit};
 * {@link TrainingPlots#writeAll} writes every picture at once. XChart is an optional dependency of keras4j: without
 * it on the classpath, every method that draws throws an {@link IllegalStateException} naming its coordinates.
 */
public final class Plots {

    static {
        Headless.ensure();
    }

    /** The width of one history panel, and of the picture when it has a single column. */
    public static final int PANEL_WIDTH = 520;
    /** The height of one row of history panels. */
    public static final int PANEL_HEIGHT = 360;
    /** The size of a decision-region picture. */
    public static final int REGIONS_WIDTH = 760;
    public static final int REGIONS_HEIGHT = 600;
    /** The most images {@link #misclassified(Model, INDArray, INDArray, Path)} shows. */
    public static final int MISCLASSIFIED_SHOWN = 24;
    /** The size of one image's panel in a picture of misclassified images, in pixels. */
    public static final int MISCLASSIFIED_PANEL = 150;

    private Plots() {
    }

    /**
     * The loss and every metric per epoch, one panel per quantity (two panels a row), each validation curve
     * ({@code val_} key) dashed in its quantity's colour. The loss is drawn on a log scale when its values span
     * more than two decades. Epochs are counted from 1, as Keras's log counts them; non-finite values (a diverged
     * run) are left out of the curves. The picture is {@link #PANEL_WIDTH} by {@link #PANEL_HEIGHT} per panel.
     */
    public static Path history(History history, Path file) {
        OptionalDependency.XCHART.require();
        Objects.requireNonNull(history, "history");
        int panels = HistoryPlot.panels(history.history()).size();
        int columns = Math.max(1, Math.min(2, panels));
        int rows = Math.max(1, (panels + columns - 1) / columns);
        return history(history, file, PANEL_WIDTH * columns, PANEL_HEIGHT * rows);
    }

    /** {@link #history(History, Path)} at a chosen size of the whole picture, in pixels. */
    public static Path history(History history, Path file, int width, int height) {
        OptionalDependency.XCHART.require();
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(file, "file");
        Charts.requireSize(width, height);
        ImageFiles.writePng(HistoryPlot.render(history, width, height), file);
        return file;
    }

    /**
     * The class a 2-input classifier predicts over the plane, as a filled map covering the data plus a margin of
     * 10% of its range on each side, with the points of {@code x} on top, coloured by their label in {@code y}
     * and edged in black. A softmax model colours each pixel by its argmax class; a model ending in one sigmoid
     * unit shades the probability of class 1 (white at 0.5) and draws the 0.5 contour. {@code y} holds one-hot rows
     * or one column of class numbers (0/1 for a sigmoid). The model's Normalization layer, if it has one, scales them
     * as in {@code predict}. Other models are refused with an {@link IllegalArgumentException}: this picture needs 2 input
     * features and a classifier output.
     */
    public static Path decisionRegions(Model model, INDArray x, INDArray y, Path file) {
        return decisionRegions(model, x, y, file, REGIONS_WIDTH, REGIONS_HEIGHT);
    }

    /** {@link #decisionRegions(Model, INDArray, INDArray, Path)} at a chosen size in pixels. */
    public static Path decisionRegions(Model model, INDArray x, INDArray y, Path file, int width, int height) {
        OptionalDependency.XCHART.require();
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        ImageFiles.writePng(DecisionRegions.render(model, x, y, width, height).image(), file);
        return file;
    }

    /**
     * The grey-scale images of {@code x} ({@code [samples, height, width, 1]}, the model's input shape) that an image
     * classifier predicts wrongly, as a Keras tutorial shows them with {@code plt.imshow(x[i], cmap="gray_r")}: a grid
     * of up to {@value #MISCLASSIFIED_SHOWN} panels, {@value MisclassifiedImages#COLUMNS} a row, each titled with its
     * label from {@code y} (one-hot rows or one column of class numbers) and the predicted class with its probability,
     * under a caption counting the misclassified images; a picture with the caption only when none is wrong. The
     * model (softmax over the classes) predicts {@code x} as {@code predict} does.
     */
    public static Path misclassified(Model model, INDArray x, INDArray y, Path file) {
        return misclassified(model, x, y, file, MISCLASSIFIED_SHOWN);
    }

    /** {@link #misclassified(Model, INDArray, INDArray, Path)} showing at most {@code shown} images (at least 1). */
    public static Path misclassified(Model model, INDArray x, INDArray y, Path file, int shown) {
        OptionalDependency.XCHART.require();
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        if (shown < 1) {
            throw new IllegalArgumentException("shown must be at least 1, received: " + shown);
        }
        List<MisclassifiedImages.Miss> misses = MisclassifiedImages.misses(model, x, y);
        ImageFiles.writePng(MisclassifiedImages.render(x, (int) x.size(0), misses, shown, MISCLASSIFIED_PANEL), file);
        return file;
    }

    /**
     * A sequence model's accuracy per sequence length ({@code accuracies}: length to accuracy in [0, 1]), one point a
     * length, with a dashed line at {@code trainedUpTo}, the longest length it was trained on (tutorial 005's
     * generalisation from strings of up to 20 bits to 40 and 100). {@link #PANEL_WIDTH} by {@link #PANEL_HEIGHT}.
     */
    public static Path accuracyByLength(java.util.Map<Integer, Double> accuracies, int trainedUpTo, Path file) {
        OptionalDependency.XCHART.require();
        Objects.requireNonNull(accuracies, "accuracies");
        Objects.requireNonNull(file, "file");
        ImageFiles.writePng(AccuracyByLength.render(accuracies, trainedUpTo, PANEL_WIDTH, PANEL_HEIGHT), file);
        return file;
    }
}
