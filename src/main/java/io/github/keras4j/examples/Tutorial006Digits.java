package io.github.keras4j.examples;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.plot.Plots;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tutorial 006: the 8x8 handwritten digits (UCI, CC BY 4.0; {@code datasets/digits_train.csv} and
 * {@code digits_test.csv}, pixels scaled to [0, 1]) classified by a small convolutional network, as a Keras user
 * writes it:
 * <pre>{@code
 * model = keras.Sequential([
 *     layers.Conv2D(32, (3, 3), activation="relu", input_shape=(8, 8, 1)),
 *     layers.MaxPooling2D((2, 2)),
 *     layers.Dropout(0.25),
 *     layers.Flatten(),
 *     layers.Dense(10, activation="softmax")])
 * model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
 * model.fit(x_train, y_train, epochs=40, batch_size=32, verbose=2)
 * model.evaluate(x_test, y_test)
 * }</pre>
 * The CSV rows (64 pixels, row by row) become images of shape [samples, 8, 8, 1], channels last as in Keras. Run it
 * with an optional seed and an optional PNG file for the misclassified test digits (a plot needs XChart):
 * {@code java -cp target/keras4j.jar io.github.keras4j.examples.Tutorial006Digits 6 misclassified.png}.
 */
public final class Tutorial006Digits {

    /** The training images, 1437 of the 1797. */
    public static final Path TRAIN = Path.of("datasets", "digits_train.csv");
    /** The held-back test images, 360 (20%, stratified by digit). */
    public static final Path TEST = Path.of("datasets", "digits_test.csv");
    /** The images' shape: height, width, channels. */
    public static final long[] IMAGE_SHAPE = {8, 8, 1};
    public static final int CLASSES = 10;
    public static final int EPOCHS = 40;
    public static final int BATCH_SIZE = 32;

    private Tutorial006Digits() {
    }

    /**
     * The trained model, its history, the test images with their one-hot labels, and {@code evaluate}'s
     * {@code [loss, accuracy]} on them.
     */
    public record Result(Sequential model, History history, INDArray xTest, INDArray yTest, double[] testScores) {

        /** The accuracy on the 360 test images. */
        public double testAccuracy() {
            return testScores[1];
        }
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : new Random().nextLong();
        Result result = run(seed, 2);
        System.out.printf(Locale.ROOT, "%naccuracy on the %d test images: %.2f%%%n", result.xTest().size(0),
                result.testAccuracy() * 100);
        if (args.length > 1) {
            Path plot = Plots.misclassified(result.model(), result.xTest(), result.yTest(), Path.of(args[1]));
            System.out.println("misclassified test digits: " + plot);
        }
    }

    /** The tutorial's network, compiled with Keras's defaults for Adam, seeded with {@code seed}. */
    public static Sequential model(long seed) {
        Sequential model = new Sequential().seed(seed);
        model.add(new Conv2D(32, 3, "relu").inputShape(8, 8, 1));
        model.add(new MaxPooling2D(2, 2));
        model.add(new Dropout(0.25));
        model.add(new Flatten());
        model.add(new Dense(CLASSES, "softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        return model;
    }

    /** Trains on the training file, {@code verbose} as Keras's fit (2: one line per epoch), and evaluates on the test file. */
    public static Result run(long seed, int verbose) {
        CsvData train = read(TRAIN);
        CsvData test = read(TEST);
        Sequential model = model(seed);
        INDArray xTrain = images(train.features());
        INDArray xTest = images(test.features());
        History history = model.fit(xTrain, train.labels(),
                Fit.epochs(EPOCHS).batchSize(BATCH_SIZE).verbose(verbose));
        double[] scores = model.evaluate(xTest, test.labels(), BATCH_SIZE, verbose == 0 ? 0 : 1);
        return new Result(model, history, xTest, test.labels(), scores);
    }

    /** A digits file: 64 pixel columns, the label one-hot in 10 columns. */
    static CsvData read(Path file) {
        return new CsvDataset(file).labelColumns("label").oneHot(CLASSES).load();
    }

    /** {@code x.reshape(-1, 8, 8, 1)}: rows of 64 pixels, row by row, as images with one channel. */
    public static INDArray images(INDArray rows) {
        return rows.reshape('c', rows.rows(), IMAGE_SHAPE[0], IMAGE_SHAPE[1], IMAGE_SHAPE[2]);
    }
}
