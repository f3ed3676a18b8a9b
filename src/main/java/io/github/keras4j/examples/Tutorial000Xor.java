package io.github.keras4j.examples;

import static io.github.keras4j.Fit.epochs;

import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Tutorial 000, line for line: XOR with seven Dense(16, relu) layers and a sigmoid output, mean squared error,
 * Adam, 500 epochs with Keras's one-line-per-epoch log (verbose 2), then the rounded predictions.
 * Run it with an optional seed: {@code java -cp target/keras4j.jar io.github.keras4j.examples.Tutorial000Xor 42}.
 */
public final class Tutorial000Xor {

    private Tutorial000Xor() {
    }

    /** The trained model and what the tutorial prints of it. */
    public record Result(Sequential model, History history, INDArray predictions) {
    }

    public static void main(String[] args) {
        Result result = run(args.length > 0 ? Long.valueOf(args[0]) : null, 2);
        System.out.println(Transforms.round(result.predictions()));
    }

    /** Trains the tutorial's network; {@code seed} null draws a random one, as Keras does. */
    public static Result run(Long seed, int verbose) {
        float[][] trainingData = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] targetData = {{0}, {1}, {1}, {0}};

        Sequential model = new Sequential();
        if (seed != null) {
            model.seed(seed);
        }
        model.add(new Dense(16, "relu").inputDim(2));
        for (int i = 0; i < 6; i++) {
            model.add(new Dense(16, "relu").inputDim(16));
        }
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "mean_squared_error", "binary_accuracy");

        History history = model.fit(trainingData, targetData, epochs(500).verbose(verbose));
        INDArray predictions = verbose > 0 ? model.predict(trainingData)
                : model.predict(Nd4j.createFromArray(trainingData), 32, 0);
        return new Result(model, history, predictions);
    }
}
