package io.github.keras4j.examples;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tutorial 004, line for line: 10000 Gaussian points labelled by the sign of {@code x0 * x1} (one-hot in two
 * columns), Dense(4, relu), Dense(4, relu), Dense(2, softmax), {@code SGD(momentum=0.99)}, binary cross-entropy,
 * 200 epochs of batches of 100; then predictions on 5000 fresh points.
 */
public final class Tutorial004GaussianXor {

    private Tutorial004GaussianXor() {
    }

    /** The trained model, its history, and the accuracy on fresh points. */
    public record Result(Sequential model, History history, INDArray xTest, INDArray yTestPredicted,
            double testAccuracy) {
    }

    public static void main(String[] args) {
        Result result = run(args.length > 0 ? Long.parseLong(args[0]) : new Random().nextLong(), 1);
        System.out.printf(Locale.ROOT, "accuracy on 5000 fresh points: %.4f%n", result.testAccuracy());
    }

    /** Trains the tutorial's network on data drawn with {@code seed}, which also seeds the model. */
    public static Result run(long seed, int verbose) {
        Random random = new Random(seed);
        double[][] xTrain = gaussianPoints(10000, random);
        double[][] yTrain = xorLabels(xTrain);

        Sequential model = new Sequential().seed(seed);
        model.add(new Dense(4, "relu").inputDim(2));
        model.add(new Dense(4, "relu"));
        model.add(new Dense(2, "softmax"));
        model.compile(new SGD().momentum(0.99), "binary_crossentropy");

        History results = model.fit(xTrain, yTrain, Fit.epochs(200).batchSize(100).verbose(verbose));

        double[][] xTest = gaussianPoints(5000, random);
        INDArray yTest = model.predict(Nd4j.createFromArray(xTest), 32, verbose > 0 ? 1 : 0);
        double[][] truth = xorLabels(xTest);
        int correct = 0;
        for (int i = 0; i < xTest.length; i++) {
            boolean predictedFirst = yTest.getDouble(i, 0) > 0.5;
            correct += predictedFirst == (truth[i][0] > 0.5) ? 1 : 0;
        }
        return new Result(model, results, Nd4j.createFromArray(xTest), yTest, correct / (double) xTest.length);
    }

    /** {@code numpy.random.randn(n, 2)}. */
    static double[][] gaussianPoints(int n, Random random) {
        double[][] points = new double[n][2];
        for (double[] point : points) {
            point[0] = random.nextGaussian();
            point[1] = random.nextGaussian();
        }
        return points;
    }

    /** {@code [float(x0 * x1 > 0), float(x0 * x1 <= 0)]} per point. */
    static double[][] xorLabels(double[][] points) {
        double[][] labels = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            boolean sameSign = points[i][0] * points[i][1] > 0;
            labels[i] = new double[] {sameSign ? 1 : 0, sameSign ? 0 : 1};
        }
        return labels;
    }
}
