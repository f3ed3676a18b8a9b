import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Microseconds per training step of tutorial 000's network (7 x Dense(16, relu) + Dense(1, sigmoid), Adam, mse,
 * 4 XOR samples in one batch), through keras4j's fit and through the same DL4J network stepped directly.
 * Run after {@code mvn -q package -DskipTests}:
 * {@code java -cp target/keras4j.jar bench/StepTime.java [steps per round] [rounds]}.
 */
public class StepTime {

    private static Sequential tutorial000() {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(16, "relu").inputDim(2));
        for (int i = 0; i < 6; i++) {
            model.add(new Dense(16, "relu"));
        }
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "mean_squared_error", "binary_accuracy");
        return model;
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        INDArray features = Nd4j.createFromArray(x);
        INDArray labels = Nd4j.createFromArray(y);

        Sequential model = tutorial000();
        MultiLayerNetwork raw = tutorial000().network();
        model.fit(x, y, Fit.epochs(steps).verbose(0));            // warm-up
        for (int i = 0; i < steps; i++) {
            raw.fit(features, labels);
        }
        double[] keras4j = new double[rounds];
        double[] dl4j = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            model.fit(x, y, Fit.epochs(steps).verbose(0));
            keras4j[round] = (System.nanoTime() - start) / 1e3 / steps;
            start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                raw.fit(features, labels);
            }
            dl4j[round] = (System.nanoTime() - start) / 1e3 / steps;
        }
        System.out.printf("keras4j fit:     median %.0f us/step (min %.0f, max %.0f) over %d rounds of %d steps%n",
                median(keras4j), min(keras4j), max(keras4j), rounds, steps);
        System.out.printf("DL4J net.fit:    median %.0f us/step (min %.0f, max %.0f)%n", median(dl4j), min(dl4j),
                max(dl4j));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
