package io.github.keras4j.examples;

import static io.github.keras4j.Fit.epochs;

import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Tutorial 002, line for line: XOR with one Dense(16, relu) hidden layer, mean squared error, Adam, 1000 epochs
 * with Keras's progress bar (verbose 1), then {@code evaluate} printed as {@code binary_accuracy: 100.00%} and the
 * rounded predictions.
 */
public final class Tutorial002Xor {

    private Tutorial002Xor() {
    }

    /** The trained model, its history and evaluation, and the predictions. */
    public record Result(Sequential model, History history, double[] scores, INDArray predictions) {
    }

    public static void main(String[] args) {
        Result result = run(args.length > 0 ? Long.valueOf(args[0]) : null, 1);
        System.out.println(Transforms.round(result.predictions()));
    }

    /** Trains the tutorial's network and prints what the tutorial prints; {@code seed} null draws a random one. */
    public static Result run(Long seed, int verbose) {
        float[][] trainingData = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] targetData = {{0}, {1}, {1}, {0}};

        Sequential model = new Sequential();
        if (seed != null) {
            model.seed(seed);
        }
        model.add(new Dense(16, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "mean_squared_error", "binary_accuracy");

        History history = model.fit(trainingData, targetData, epochs(1000).verbose(verbose));
        INDArray x = Nd4j.createFromArray(trainingData);
        double[] scores = model.evaluate(x, Nd4j.createFromArray(targetData), 32, verbose);
        if (verbose > 0) {
            System.out.printf(Locale.ROOT, "%n%s: %.2f%%%n", model.metricsNames().get(1), scores[1] * 100);
        }
        INDArray predictions = model.predict(x, 32, verbose);
        return new Result(model, history, scores, predictions);
    }
}
