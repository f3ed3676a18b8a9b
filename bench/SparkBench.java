import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.LambdaCallback;
import io.github.keras4j.data.CsvData;
import io.github.keras4j.data.CsvDataset;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.SGD;
import io.github.keras4j.spark.SparkMasters;
import io.github.keras4j.spark.SparkTraining;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One Spark benchmark worker (issue #8 item 5): one workload, one mode, in its own JVM, because a JVM holds one
 * Spark context at a time and a gradient-sharing master keeps its Aeron and parameter-server threads until the JVM
 * exits. bench/spark.sh starts it; it prints one {@code RESULT key=value ...} line.
 *
 * <p>{@code java SPARK_FLAGS -cp target/keras4j.jar:target/spark-lib/* SparkBench WORKLOAD MODE [EPOCHS [MASTER]]}
 * with WORKLOAD {@code gauss} (tutorial 004: gaussian XOR from datasets/, 2-4-4-2, SGD momentum 0.99, batch 100)
 * or {@code wide} (bench/Bench.java's wide MLP: 784-1024-1024-10, Adam, batch 256, on 2048 random rows), MODE
 * {@code local} (model.fit on arrays, one machine), {@code averaging} or {@code sharing} (Spark, MASTER default
 * {@code local[2]}; sharing with one worker per node: two may hang in local mode).
 *
 * <p>Epochs are timed by a callback from epoch begin to epoch end. On Spark that span is DL4J's
 * {@code SparkDl4jMultiLayer.fit(rdd)} plus keras4j's distributed scoring pass (the epoch's loss and metrics over
 * the training RDD); the scoring pass is also timed on its own after training ({@code model.evaluate} on an RDD
 * cut into the same batches), so that the two parts can be told apart. Test accuracy is computed on this machine
 * with {@code model.evaluate(x, y)} in every mode, so that it compares the trained models and nothing else.
 */
public class SparkBench {

    static final int WIDE_ROWS = 2048;
    static final int SCORING_REPEATS = 3;

    public static void main(String[] args) throws Exception {
        String workload = args[0];
        String mode = args[1];
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String master = args.length > 3 ? args[3] : "local[2]";
        if (!List.of("local", "averaging", "sharing").contains(mode)) {
            throw new IllegalArgumentException("unknown mode " + mode + " (local, averaging, sharing)");
        }
        INDArray x;
        INDArray y;
        INDArray xTest = null;
        INDArray yTest = null;
        Sequential model = new Sequential().seed(1);
        int batchSize;
        switch (workload) {
            case "gauss" -> {
                CsvData train = new CsvDataset("datasets/gaussian_xor_train.csv").labelColumns("label").oneHot(2)
                        .load();
                CsvData test = new CsvDataset("datasets/gaussian_xor_test.csv").labelColumns("label").oneHot(2)
                        .load();
                x = train.features();
                y = train.labels();
                xTest = test.features();
                yTest = test.labels();
                model.add(new Dense(4, "relu").inputDim(2));
                model.add(new Dense(4, "relu"));
                model.add(new Dense(2, "softmax"));
                model.compile(new SGD().momentum(0.99), "binary_crossentropy", "accuracy");
                batchSize = 100;
            }
            case "wide" -> {
                // Bench.java's wide shapes and data recipe, with 8 batches of 256 instead of one, so that an epoch
                // gives each of two Spark workers several batches.
                Nd4j.getRandom().setSeed(1);
                x = Nd4j.rand(DataType.FLOAT, WIDE_ROWS, 784);
                y = Nd4j.zeros(DataType.FLOAT, WIDE_ROWS, 10);
                Random random = new Random(1);
                for (int i = 0; i < WIDE_ROWS; i++) {
                    y.putScalar(i, random.nextInt(10), 1f);
                }
                model.add(new Dense(1024, "relu").inputDim(784));
                model.add(new Dense(1024, "relu"));
                model.add(new Dense(10, "softmax"));
                model.compile(new Adam(), "categorical_crossentropy", "accuracy");
                batchSize = 256;
            }
            default -> throw new IllegalArgumentException("unknown workload " + workload + " (gauss, wide)");
        }

        double[] perEpoch = new double[epochs];
        long[] begin = {0};
        LambdaCallback timer = new LambdaCallback()
                .onEpochBegin((epoch, logs) -> begin[0] = System.nanoTime())
                .onEpochEnd((epoch, logs) -> perEpoch[epoch] = (System.nanoTime() - begin[0]) / 1e9);
        Fit fit = Fit.epochs(epochs).batchSize(batchSize).verbose(0).callbacks(timer);

        double contextSeconds = Double.NaN;
        double scoringSeconds = Double.NaN;
        long fitStart;
        double fitSeconds;
        History history;
        if (mode.equals("local")) {
            fitStart = System.nanoTime();
            history = model.fit(x, y, fit);
            fitSeconds = (System.nanoTime() - fitStart) / 1e9;
        } else {
            long contextStart = System.nanoTime();
            JavaSparkContext sc = SparkMasters.start(master, "keras4j-sparkbench");
            contextSeconds = (System.nanoTime() - contextStart) / 1e9;
            try {
                SparkTraining spark = mode.equals("averaging") ? SparkTraining.averaging(sc)
                        : SparkTraining.sharing(sc).workers(1);
                fitStart = System.nanoTime();
                history = model.fit(spark.distribute(x, y), fit);
                fitSeconds = (System.nanoTime() - fitStart) / 1e9;
                // The scoring pass alone: the same batches as the fit's RDD, scored on the executors.
                JavaRDD<DataSet> batches = sc.parallelize(batches(x, y, batchSize));
                model.evaluate(spark.distribute(batches));
                double[] scoring = new double[SCORING_REPEATS];
                for (int i = 0; i < scoring.length; i++) {
                    long start = System.nanoTime();
                    model.evaluate(spark.distribute(batches));
                    scoring[i] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(scoring);
                scoringSeconds = scoring[scoring.length / 2];
            } finally {
                sc.close();
            }
        }

        double[] later = Arrays.copyOfRange(perEpoch, 1, epochs);
        Arrays.sort(later);
        double laterMedian = later.length == 0 ? Double.NaN : median(later);
        List<Double> loss = history.get("loss");
        double testAccuracy = xTest == null ? Double.NaN : model.evaluate(xTest, yTest, 1000, 0)[1];
        System.out.printf(Locale.ROOT, "RESULT workload=%s mode=%s epochs=%d first=%.3f later_median=%.3f "
                        + "later_min=%.3f later_max=%.3f fit_total=%.2f context=%.2f scoring=%.3f final_loss=%.4f "
                        + "test_acc=%.4f threads=%s%n",
                workload, mode, epochs, perEpoch[0], laterMedian, later.length == 0 ? Double.NaN : later[0],
                later.length == 0 ? Double.NaN : later[later.length - 1], fitSeconds, contextSeconds, scoringSeconds,
                loss.get(loss.size() - 1), testAccuracy, System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));
        // A gradient-sharing master leaves non-daemon threads behind; the result is printed, so end here.
        System.exit(0);
    }

    static List<DataSet> batches(INDArray x, INDArray y, int batchSize) {
        List<DataSet> batches = new ArrayList<>();
        long rows = x.size(0);
        for (long start = 0; start < rows; start += batchSize) {
            long end = Math.min(rows, start + batchSize);
            batches.add(new DataSet(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup('c'),
                    y.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup('c')));
        }
        return batches;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
