package example;

import static io.github.keras4j.Fit.epochs;

import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.plot.Plots;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Tutorial 002 (XOR: Dense 16 relu, Dense 1 sigmoid, mean squared error, Adam, 1000 epochs) in an application that
 * depends on keras4j alone. Exits 1 unless it reaches 100% accuracy, its classpath has none of keras4j's optional
 * libraries, and a plot names the XChart dependency it needs.
 */
public final class Tutorial002Xor {

    private Tutorial002Xor() {
    }

    public static void main(String[] args) {
        float[][] trainingData = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] targetData = {{0}, {1}, {1}, {0}};

        Sequential model = new Sequential();
        model.seed(2); // the seed keras4j's own test of tutorial 002 uses
        model.add(new Dense(16, "relu").inputDim(2));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "mean_squared_error", "binary_accuracy");

        History history = model.fit(trainingData, targetData, epochs(1000).verbose(0));
        INDArray x = Nd4j.createFromArray(trainingData);
        double[] scores = model.evaluate(x, Nd4j.createFromArray(targetData), 32, 0);
        System.out.printf(Locale.ROOT, "%s: %.2f%%%n", model.metricsNames().get(1), scores[1] * 100);
        System.out.println(Transforms.round(model.predict(x, 32, 0)));
        check(scores[1] == 1.0, "tutorial 002 must reach 100% accuracy");

        for (String optional : List.of("picocli.CommandLine", "org.knowm.xchart.XYChart",
                "org.apache.spark.SparkContext", "org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer")) {
            check(!onClasspath(optional), optional + " is on the classpath: keras4j must not bring it");
        }
        try {
            Plots.history(history, Path.of("target", "history.png"));
            check(false, "Plots.history drew without XChart");
        } catch (IllegalStateException expected) {
            System.out.println("Plots.history: " + expected.getMessage());
            check(expected.getMessage().contains("org.knowm.xchart:xchart:"), "the error must name XChart");
        }
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, Tutorial002Xor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            System.err.println("keras4j-consumer: " + failure);
            System.exit(1);
        }
    }
}
