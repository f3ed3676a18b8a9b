package io.github.keras4j.spark;

import io.github.keras4j.DistributedDataset;
import io.github.keras4j.Fit;
import io.github.keras4j.Model;
import io.github.keras4j.engine.RunningMetrics;
import io.github.keras4j.engine.InputChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Data on Spark for {@code model.fit} and {@code model.evaluate}: an {@code RDD<DataSet>}, or arrays that are
 * spread over the cluster when the batch size is known. Made by {@link SparkTraining#distribute}.
 *
 * <p>It is the distribution strategy of the fit: the trainer runs the epoch loop and hands each epoch here. Each epoch
 * is one {@code SparkDl4jMultiLayer.fit(rdd)}; then the loss and metrics of the epoch are computed
 * over the whole training RDD with the epoch's final weights, on the executors. On one machine Keras reports the
 * mean of the batch losses as the epoch went; on Spark those stay on the workers (DL4J returns only the last
 * batch's score), so the epoch log holds the end-of-epoch values instead, as {@code evaluate} would compute them.
 */
public final class SparkDataset implements DistributedDataset {

    /** Arrays waiting for the fit's batch size. */
    record Arrays(INDArray x, INDArray y) {
    }

    private final SparkTraining training;
    private final JavaRDD<DataSet> rdd;
    private final Arrays arrays;
    private final JavaRDD<DataSet> validation;

    SparkDataset(SparkTraining training, JavaRDD<DataSet> rdd, Arrays arrays, JavaRDD<DataSet> validation) {
        this.training = training;
        this.rdd = rdd;
        this.arrays = arrays;
        this.validation = validation;
    }

    /**
     * This data with validation data on the cluster too: its {@code val_} loss and metrics are computed there at
     * the end of each epoch (Keras's {@code validation_data}).
     */
    public SparkDataset validationData(JavaRDD<DataSet> validationData) {
        return new SparkDataset(training, rdd, arrays, Objects.requireNonNull(validationData, "validation data"));
    }

    @Override
    public DistributedFit startFit(Model model, InputChecks checks, Fit options) {
        if (options.validationSplit() > 0) {
            throw new IllegalArgumentException("validation_split is not supported on Spark: the training RDD has no "
                    + "last rows to hold out; give validation data instead");
        }
        if (options.sampleWeight() != null || options.classWeight() != null) {
            throw new IllegalArgumentException("sample_weight and class_weight are not supported on Spark: DL4J's "
                    + "Spark training has no per-sample loss weights; train on one machine to weigh samples");
        }
        if (options.shuffleGiven() && options.shuffle()) {
            throw new IllegalArgumentException("shuffle=true is not supported on Spark: DL4J's training masters "
                    + "partition the RDD themselves; shuffle the RDD (repartition) before fit");
        }
        if (validation != null && options.validationX() != null) {
            throw new IllegalArgumentException("validation data was given twice: as an RDD (validationData on the "
                    + "Spark dataset) and as arrays (Fit.validationData); give one");
        }
        String warning = TrainingMasters.momentumWarning(training.type(), model.optimizer());
        if (warning != null) {
            System.err.println(warning);
        }
        int batchSize = options.batchSize() == null ? Fit.DEFAULT_BATCH_SIZE : options.batchSize();
        JavaRDD<DataSet> data = data(checks, batchSize);
        DataSet first = first(data, "training");
        checks.checkBatch("training RDD", first.getFeatures(), first.getLabels());
        if (validation != null) {
            DataSet firstValidation = first(validation, "validation");
            checks.checkBatch("validation RDD", firstValidation.getFeatures(), firstValidation.getLabels());
        }
        long examples = run(() -> data.map(batch -> (long) batch.numExamples()).reduce(Long::sum));
        int steps = (int) Math.max(1, (examples + batchSize - 1) / batchSize);
        SparkDl4jMultiLayer sparkNetwork = new SparkDl4jMultiLayer(training.context(), model.network(),
                TrainingMasters.build(training, batchSize, first.numExamples(), model.seed()));
        return new DistributedFit() {
            @Override
            public int steps() {
                return steps;
            }

            @Override
            public Map<String, Double> trainEpoch(int epoch) {
                run(() -> sparkNetwork.fit(data));
                Map<String, Double> logs = new LinkedHashMap<>(score(model, data, batchSize).logs(""));
                if (validation != null) {
                    logs.putAll(score(model, validation, batchSize).logs("val_"));
                }
                return logs;
            }

            @Override
            public void close() {
                // Batches exported to an export directory are DL4J's temporary files. (Gradient sharing's parameter
                // server and worker threads stay for the next fit and end with the Spark context.)
                sparkNetwork.getTrainingMaster().deleteTempFiles(training.context());
            }
        };
    }

    @Override
    public double[] evaluate(Model model, InputChecks checks) {
        JavaRDD<DataSet> data = data(checks, Fit.DEFAULT_BATCH_SIZE);
        DataSet first = first(data, "evaluation");
        checks.checkBatch("evaluation RDD", first.getFeatures(), first.getLabels());
        return score(model, data, Fit.DEFAULT_BATCH_SIZE).logs("").values().stream().mapToDouble(Double::doubleValue)
                .toArray();
    }

    /** The loss and metrics over {@code data} with the model's current weights, computed on the executors. */
    private RunningMetrics score(Model model, JavaRDD<DataSet> data, int batchRows) {
        MultiLayerNetwork network = model.network();
        Broadcast<MultiLayerConfiguration> configuration = training.context()
                .broadcast(network.getLayerWiseConfigurations());
        Broadcast<INDArray> parameters = training.context().broadcast(network.params().dup());
        try {
            PartitionScores partitionScores = new PartitionScores(configuration, parameters, model.metrics(),
                    batchRows);
            return run(() -> data.mapPartitions(partitionScores).reduce(RunningMetrics::merge));
        } finally {
            configuration.destroy();
            parameters.destroy();
        }
    }

    private JavaRDD<DataSet> data(InputChecks checks, int batchSize) {
        if (rdd != null) {
            return rdd;
        }
        INDArray x = checks.features("x", arrays.x());
        INDArray y = checks.checkedLabels("y", arrays.y(), "x", x);
        List<DataSet> batches = new ArrayList<>();
        long rows = x.size(0);
        for (long start = 0; start < rows; start += batchSize) {
            long end = Math.min(rows, start + batchSize);
            batches.add(new DataSet(rows(x, start, end), rows(y, start, end)));
        }
        return training.context().parallelize(batches);
    }

    private static INDArray rows(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
    }

    private static DataSet first(JavaRDD<DataSet> data, String what) {
        List<DataSet> first = run(() -> data.take(1));
        if (first.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " RDD is empty: it has no DataSet to train on");
        }
        return first.get(0);
    }

    /** Runs a Spark job, turning a task's failure into the error the task met (Spark wraps it in its report). */
    static <T> T run(Supplier<T> job) {
        try {
            return job.get();
        } catch (RuntimeException failure) {
            boolean inSpark = false;
            Throwable cause = failure;
            for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
                inSpark |= t instanceof SparkException;
                cause = t;
            }
            if (!inSpark) {
                throw failure;
            }
            throw new IllegalStateException("training on Spark failed: " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), failure);
        }
    }
}
