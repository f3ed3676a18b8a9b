package io.github.keras4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Plots.misclassified: which images are wrong, what the picture holds, and what it refuses. */
class MisclassifiedImagesTest {

    @TempDir
    Path dir;

    /**
     * A 2x2 grey-scale classifier with fixed weights: class 0's logit is the top-left pixel, class 1's the
     * bottom-right one, through a softmax.
     */
    static Sequential cornerModel() {
        Sequential model = new Sequential(new Conv2D(2, 2).inputShape(2, 2, 1), new Flatten(),
                new Activation("softmax"));
        float[][][][] kernel = new float[2][2][1][2];
        kernel[0][0][0][0] = 4;
        kernel[1][1][0][1] = 4;
        model.setWeights(0, Nd4j.createFromArray(kernel), Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2));
        return model;
    }

    /** Eight images: even ones light the top-left pixel (class 0), odd ones the bottom-right (class 1). */
    static INDArray images() {
        float[][][][] x = new float[8][2][2][1];
        for (int i = 0; i < 8; i++) {
            if (i % 2 == 0) {
                x[i][0][0][0] = 1;
            } else {
                x[i][1][1][0] = 1;
            }
        }
        return Nd4j.createFromArray(x);
    }

    @Test
    void findsTheWrongPredictionsInSampleOrder() {
        // Labels 0,1,0,1,... except images 3 and 6, labelled the other class.
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {0}, {0}, {0}, {1}, {1}, {1}});
        List<MisclassifiedImages.Miss> misses = MisclassifiedImages.misses(cornerModel(), images(), y);
        assertEquals(2, misses.size());
        assertEquals(3, misses.get(0).index());
        assertEquals(0, misses.get(0).label());
        assertEquals(1, misses.get(0).predicted());
        assertEquals(Math.exp(4) / (1 + Math.exp(4)), misses.get(0).probability(), 1e-5);
        assertEquals(6, misses.get(1).index());
        assertEquals(1, misses.get(1).label());
        assertEquals(0, misses.get(1).predicted());
    }

    @Test
    void drawsOnePanelPerWrongImageUnderACaption() throws Exception {
        INDArray y = Nd4j.createFromArray(new float[][] {{1, 0}, {1, 0}, {1, 0}, {1, 0}, {1, 0}, {1, 0}, {1, 0},
                {1, 0}});
        Path file = Plots.misclassified(cornerModel(), images(), y, dir.resolve("wrong.png"));
        // Images 1, 3, 5, 7 are wrong: four panels in one row.
        BufferedImage image = PlotFiles.png(file, 4 * Plots.MISCLASSIFIED_PANEL, 36 + Plots.MISCLASSIFIED_PANEL);
        assertTrue(hasDarkPixel(image, 0, 36, Plots.MISCLASSIFIED_PANEL, Plots.MISCLASSIFIED_PANEL),
                "the first panel shows ink");
        Path few = Plots.misclassified(cornerModel(), images(), y, dir.resolve("few.png"), 2);
        PlotFiles.png(few, 2 * Plots.MISCLASSIFIED_PANEL, 36 + Plots.MISCLASSIFIED_PANEL);
        assertEquals("4 of 8 images misclassified (50.00%), the first 2 shown", MisclassifiedImages.caption(8, 4, 2));
    }

    @Test
    void aPerfectClassifierGetsTheCaptionOnly() throws Exception {
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {0}, {1}, {0}, {1}, {0}, {1}});
        Path file = Plots.misclassified(cornerModel(), images(), y, dir.resolve("none.png"));
        BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertEquals(2 * Plots.MISCLASSIFIED_PANEL, image.getWidth());
        assertEquals(36, image.getHeight());
        assertEquals("all 8 images classified correctly", MisclassifiedImages.caption(8, 0, 0));
    }

    @Test
    void refusesWhatIsNotAGreyScaleImageClassifier() {
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}});
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class, () -> Plots.misclassified(
                cornerModel(), Nd4j.createFromArray(new float[][] {{1, 0, 0, 0}, {0, 0, 0, 1}}), y,
                dir.resolve("x.png")));
        assertEquals("x must hold grey-scale images, [samples, height, width, 1], received shape [2, 4]",
                flat.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> Plots.misclassified(
                cornerModel(), Nd4j.zeros(2, 3, 3, 1), y, dir.resolve("x.png")));
        assertEquals("x has shape [2, 3, 3, 1] but the model takes images of shape [2, 2, 1]: give x as [samples, "
                + "2, 2, 1]", shape.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> Plots.misclassified(
                cornerModel(), Nd4j.zeros(2, 2, 2, 1), Nd4j.createFromArray(new float[][] {{0}, {2}}),
                dir.resolve("x.png")));
        assertEquals("y[1] is class 2 but the model predicts 2 classes (0 to 1)", label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.misclassified(cornerModel(), images(),
                Nd4j.zeros(8, 1), dir.resolve("x.png"), 0));
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void trainingPlotsDrawItForImageClassifiersOnly() throws Exception {
        Sequential model = cornerModel();
        model.compile("adam", "categorical_crossentropy");
        INDArray y = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0},
                {0, 1}});
        History history = model.fit(images(), y, io.github.keras4j.Fit.epochs(2).verbose(0));
        assertTrue(TrainingPlots.drawsMisclassified(model));
        assertFalse(TrainingPlots.drawsDecisionRegions(model));
        List<Path> written = TrainingPlots.writeAll(model, history, images(), y, null, dir);
        assertEquals(List.of(dir.resolve(TrainingPlots.HISTORY), dir.resolve(TrainingPlots.MISCLASSIFIED)), written);
        assertFalse(TrainingPlots.drawsMisclassified(new Sequential(new Dense(2, "softmax").inputDim(4))));
    }

    private static boolean hasDarkPixel(BufferedImage image, int x0, int y0, int width, int height) {
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                Color color = new Color(image.getRGB(x, y));
                if (color.getRed() < 40 && color.getGreen() < 40 && color.getBlue() < 40) {
                    return true;
                }
            }
        }
        return false;
    }
}
