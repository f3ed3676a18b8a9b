package io.github.keras4j.data;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.layers.Dense;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The child JVM of {@link LargeCsvTrainingTest}: one epoch over a large CSV file through {@link CsvDataset#iterator()},
 * with the standardization fitted in a streaming pass first. Prints its figures as {@code key=value} lines; exits 0
 * when every row was trained on and the model learned something.
 *
 * <p>Arguments: the file, the number of data rows it holds, the batch size.
 */
public final class LargeCsvTrainingMain {

    private LargeCsvTrainingMain() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        int batchSize = Integer.parseInt(args[2]);
        System.out.println("max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));

        long start = System.nanoTime();
        CsvDataset dataset = new CsvDataset(file).labelColumns("label").batchSize(batchSize)
                .normalize(Normalization.STANDARDIZE);
        dataset.normalizer();
        long fitted = System.nanoTime();
        System.out.printf(Locale.ROOT, "normalizer_fit_s=%.1f%n", (fitted - start) / 1e9);

        Sequential model = new Sequential().seed(7);
        model.add(new Dense(16, "relu").inputDim(dataset.featureCount()));
        model.add(new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "binary_accuracy");
        BatchCounter counter = new BatchCounter();
        History history = model.fit(dataset.iterator(), Fit.epochs(1).verbose(0).callbacks(counter));
        long trained = System.nanoTime();

        List<Double> accuracy = history.get("binary_accuracy");
        long expectedBatches = (rows + batchSize - 1) / batchSize;
        System.out.printf(Locale.ROOT, "train_epoch_s=%.1f%n", (trained - fitted) / 1e9);
        System.out.println("batches=" + counter.batches + " expected_batches=" + expectedBatches);
        System.out.println("loss=" + history.get("loss").get(0) + " binary_accuracy=" + accuracy.get(0));
        System.out.println("peak_rss_kb=" + procStatus("VmHWM") + " heap_used_mb="
                + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
        if (counter.batches != expectedBatches) {
            System.exit(2);
        }
        if (accuracy.get(0) < 0.9) {
            System.exit(3);
        }
    }

    /** A field of /proc/self/status in kB (Linux), or -1 elsewhere. */
    private static long procStatus(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static final class BatchCounter extends Callback {
        long batches;

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            batches++;
        }
    }
}
