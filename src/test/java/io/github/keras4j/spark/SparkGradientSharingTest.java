package io.github.keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.StdoutCapture;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 004's network and data trained with DL4J's gradient sharing in Spark local mode. The tutorial's own
 * {@code SGD(momentum=0.99)} does not converge under gradient sharing: test accuracy stayed at 0.70-0.73 for 40
 * epochs, for initial thresholds from 1e-4 to 0.2, and DL4J's own {@code Nesterovs(0.01, 0.99)} stays at 0.68
 * too, so it is momentum under DL4J's threshold encoding (at most one threshold per parameter and step, the
 * residual clipped), not keras4j's momentum updater. Plain SGD learns it: this test trains with {@code SGD(0.1)}, and
 * checks that a fit with momentum warns once at its start.
 */
class SparkGradientSharingTest {

    @Test
    void gradientSharingLearnsTutorial004WithPlainSgd(@TempDir Path folder) {
        CsvData train = new CsvDataset("datasets/gaussian_xor_train.csv").labelColumns("label").oneHot(2).load();
        CsvData test = new CsvDataset("datasets/gaussian_xor_test.csv").labelColumns("label").oneHot(2).load();
        Sequential model = new Sequential().seed(4);
        model.add(new Dense(4, "relu").inputDim(2));
        model.add(new Dense(4, "relu"));
        model.add(new Dense(2, "softmax"));
        model.compile(new SGD(0.1), "binary_crossentropy", "accuracy");
        try (JavaSparkContext context = SparkMasters.start("local[2]", "SparkGradientSharingTest")) {
            SparkTraining sharing = SparkTraining.sharing(context).workers(1);
            StdoutCapture.Captured<History> fit = StdoutCapture.captureStderr(() -> StdoutCapture.capture(
                    () -> model.fit(sharing.distribute(train.features(), train.labels()),
                            Fit.epochs(20).batchSize(100).verbose(0))).value());
            assertFalse(fit.output().contains("WARNING: gradient sharing"), fit.output());
            History history = fit.value();
            assertEquals(20, history.epoch().size());
            double accuracy = SparkTrainingTest.accuracy(model, test);
            System.out.println("gradient sharing, tutorial 004 with SGD(0.1), 20 epochs: test accuracy " + accuracy);
            assertTrue(accuracy > 0.97, "test accuracy " + accuracy + " after 20 epochs of gradient sharing");
            double[] onSpark = model.evaluate(sharing.distribute(test.features(), test.labels()));
            assertArrayEquals(model.evaluate(test.features(), test.labels(), 32, 0), onSpark, 1e-6);

            // The tutorial's own momentum gets one warning, before the first epoch.
            Sequential withMomentum = new Sequential(new Dense(2, "softmax").inputDim(2)).seed(4);
            withMomentum.compile(new SGD(0.01).momentum(0.99), "binary_crossentropy");
            String warned = StdoutCapture.captureStderr(() -> withMomentum.fit(
                    sharing.distribute(test.features(), test.labels()), Fit.epochs(1).batchSize(100).verbose(0)))
                    .output();
            assertEquals(1, warned.split("WARNING: gradient sharing does not train SGD with momentum well", -1).length
                    - 1, warned);
            assertTrue(warned.contains("SGD(momentum=0.99)") && warned.contains("parameter averaging"), warned);
        }
        Path file = folder.resolve("sharing.keras4j");
        model.save(file);
        assertArrayEquals(model.predict(test.features(), 32, 0).data().asDouble(),
                Sequential.load(file).predict(test.features(), 32, 0).data().asDouble(), 1e-7);
    }
}
