package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** With a seed, training is bit-for-bit repeatable: in one JVM and in a fresh one. */
class ReproducibilityTest {

    /** Trains a small model with dropout and shuffling, and prints every loss and prediction exactly. */
    static String seededRun() {
        Sequential model = new Sequential().seed(2024);
        model.add(new Dense(8, "relu").inputDim(2));
        model.add(new Dropout(0.25));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "binary_accuracy");
        float[][] x = new float[50][2];
        float[][] y = new float[50][1];
        for (int i = 0; i < 50; i++) {
            x[i][0] = (float) Math.sin(i);
            x[i][1] = (float) Math.cos(3 * i);
            y[i][0] = x[i][0] * x[i][1] > 0 ? 1 : 0;
        }
        History history = model.fit(x, y, Fit.epochs(8).batchSize(16).verbose(0));
        StringBuilder text = new StringBuilder();
        for (double loss : history.get("loss")) {
            text.append(Double.doubleToLongBits(loss)).append(' ');
        }
        double[] predictions = model.predict(Nd4j.createFromArray(x), 32, 0).castTo(DataType.DOUBLE).data().asDouble();
        for (double prediction : predictions) {
            text.append(Double.doubleToLongBits(prediction)).append(' ');
        }
        return text.toString();
    }

    /** Entry point of the second JVM. */
    public static void main(String[] args) {
        System.out.print(seededRun());
    }

    @Test
    void twoRunsInOneJvmAreBitIdentical() {
        assertEquals(seededRun(), seededRun());
    }

    @Test
    void aRunInAnotherJvmIsBitIdentical() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ReproducibilityTest.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String other = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue());
        assertEquals(seededRun(), other);
    }
}
