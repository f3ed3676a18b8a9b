package io.github.keras4j.examples;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.internal.PythonRepr;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tutorial 003, the numpy network by hand, through the API: 3 inputs, Dense(2, relu) and Dense(1, linear) without
 * biases, the sum of squared errors, plain gradient descent with learning rate 0.01 on the full batch, in double
 * precision, from the tutorial's own initial weights ({@code np.random.seed(83832)}). It prints {@code t loss} for
 * the 500 iterations, as the tutorial does.
 */
public final class Tutorial003NumpyXor {

    /** {@code np.random.seed(83832); w1 = np.random.randn(3, 2)}. */
    public static final double[][] W1 = {
        {-0.20401150881450109, 0.6238868924089295},
        {-0.10186284135141382, 1.4737282539655767},
        {1.078568865140276, 0.01873049247927981}};
    /** Then {@code w2 = np.random.randn(2, 1)}. */
    public static final double[][] W2 = {{0.49346731134410865}, {-1.1937682793484843}};

    private Tutorial003NumpyXor() {
    }

    /** The trained model and its loss history. */
    public record Result(Sequential model, History history, List<INDArray> weights) {
    }

    public static void main(String[] args) {
        Result result = run();
        List<Double> losses = result.history().get("loss");
        for (int t = 0; t < losses.size(); t++) {
            System.out.println(t + " " + PythonRepr.of(losses.get(t)));
        }
        System.out.println("w1\n" + result.weights().get(0));
        System.out.println("w2\n" + result.weights().get(1));
    }

    /** Trains the tutorial's network; Backend's float type is float64 while it runs. */
    public static Result run() {
        String previousFloatx = Backend.floatx();
        Backend.setFloatx("float64");
        try {
            double[][] x = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 0}};
            double[][] y = {{0}, {1}, {1}, {0}};

            Sequential model = new Sequential();
            model.add(new Dense(2, "relu").useBias(false).inputDim(3));
            model.add(new Dense(1, "linear").useBias(false));
            model.compile(new SGD(0.01), "sum_squared_error");
            model.setWeights(0, W1, null);
            model.setWeights(1, W2, null);

            History history = model.fit(x, y, Fit.epochs(500).batchSize(4).shuffle(false).verbose(0));
            List<INDArray> weights = List.of(model.getWeights(0).get(0), model.getWeights(1).get(0));
            return new Result(model, history, weights);
        } finally {
            Backend.setFloatx(previousFloatx);
        }
    }
}
