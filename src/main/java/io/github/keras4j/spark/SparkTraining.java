package io.github.keras4j.spark;

import io.github.keras4j.Model;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * How a {@link Model} trains on Spark, through DL4J's own Spark integration ({@code SparkDl4jMultiLayer} with
 * a parameter-averaging or gradient-sharing training master): Keras's distribution strategy. The model code does
 * not change; the data is distributed instead:
 * <pre>{@code
 * SparkTraining spark = SparkTraining.averaging(sparkContext).averagingFrequency(5);
 * History history = model.fit(spark.distribute(trainRdd), Fit.epochs(20).batchSize(100).verbose(2));
 * double[] scores = model.evaluate(spark.distribute(testRdd));
 * }</pre>
 * {@code Fit.batchSize} is the batch size of each worker (DL4J's {@code batchSizePerWorker}); the RDD's
 * {@code DataSet}s may hold any number of rows each. The trained model is an ordinary keras4j model: save,
 * load, predict and {@code toJson} work as after {@code fit} on one machine. Immutable: every setter returns a copy.
 */
public final class SparkTraining implements Cloneable {

    /** DL4J's default: the parameters are averaged after every 5 batches of each worker. */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;
    /** DL4J's default initial threshold of its adaptive threshold encoding. */
    public static final double DEFAULT_THRESHOLD = 1e-3;
    /** The UDP port of the gradient-sharing parameter server (DL4J's {@code VoidConfiguration} default). */
    public static final int DEFAULT_PORT = 49876;

    private final JavaSparkContext context;
    private final TrainingMasterType type;
    private int averagingFrequency = DEFAULT_AVERAGING_FREQUENCY;
    private double threshold = DEFAULT_THRESHOLD;
    private Integer workers;
    private int port = DEFAULT_PORT;
    private String controllerAddress;
    private String networkMask;
    private String exportDirectory;

    private SparkTraining(JavaSparkContext context, TrainingMasterType type) {
        this.context = Objects.requireNonNull(context, "Spark context");
        this.type = Objects.requireNonNull(type, "training master");
    }

    /** Parameter averaging (DL4J's {@code ParameterAveragingTrainingMaster}). */
    public static SparkTraining averaging(JavaSparkContext context) {
        return new SparkTraining(context, TrainingMasterType.AVERAGING);
    }

    /** Gradient sharing (DL4J's {@code SharedTrainingMaster}). */
    public static SparkTraining sharing(JavaSparkContext context) {
        return new SparkTraining(context, TrainingMasterType.SHARING);
    }

    /** Either training master. */
    public static SparkTraining of(JavaSparkContext context, TrainingMasterType type) {
        return new SparkTraining(context, type);
    }

    /** Parameter averaging: average the workers' parameters after this many batches of each (at least 1). */
    public SparkTraining averagingFrequency(int batches) {
        type.require("averaging_frequency");
        SparkTraining copy = copy();
        copy.averagingFrequency = SparkSettings.averagingFrequency(batches);
        return copy;
    }

    /** Gradient sharing: the initial threshold of DL4J's adaptive threshold encoding of updates (> 0). */
    public SparkTraining threshold(double threshold) {
        type.require("threshold");
        SparkTraining copy = copy();
        copy.threshold = SparkSettings.threshold(threshold);
        return copy;
    }

    /**
     * The workers: for gradient sharing, how many train on each machine (DL4J's {@code workersPerNode}; default
     * DL4J's); for parameter averaging, how many Spark task threads the cluster runs at once, which DL4J sizes each
     * averaging round's split for (DL4J's {@code numWorkers}; default Spark's default parallelism).
     */
    public SparkTraining workers(int workers) {
        SparkTraining copy = copy();
        copy.workers = SparkSettings.workers(workers);
        return copy;
    }

    /** Gradient sharing: the parameter server's UDP port on the driver, which every executor must reach. */
    public SparkTraining port(int port) {
        type.require("port");
        SparkTraining copy = copy();
        copy.port = SparkSettings.port(port);
        return copy;
    }

    /**
     * Gradient sharing: the driver's address as the executors reach it. Default: 127.0.0.1 for a local master;
     * else DL4J's rules (the {@code SPARK_PUBLIC_DNS} or {@code DL4J_VOID_IP} variable, or {@link #networkMask}).
     */
    public SparkTraining controllerAddress(String address) {
        type.require("controller_address");
        SparkTraining copy = copy();
        copy.controllerAddress = Objects.requireNonNull(address, "controller address");
        return copy;
    }

    /** Gradient sharing: the network (such as {@code 10.0.0.0/16}) whose address of the driver the executors use. */
    public SparkTraining networkMask(String mask) {
        type.require("network_mask");
        SparkTraining copy = copy();
        copy.networkMask = Objects.requireNonNull(mask, "network mask");
        return copy;
    }

    /**
     * Parameter averaging: export each epoch's batches to this directory (a path every executor shares, such as
     * {@code hdfs:///tmp/keras4j}) and train from the files, as DL4J recommends for large data; by default the
     * workers train on the RDD's {@code DataSet}s directly.
     */
    public SparkTraining exportDirectory(String directory) {
        SparkTraining copy = copy();
        copy.exportDirectory = Objects.requireNonNull(directory, "export directory");
        return copy;
    }

    /** This training on {@code data}, for {@code model.fit} and {@code model.evaluate}. */
    public SparkDataset distribute(JavaRDD<DataSet> data) {
        return new SparkDataset(this, Objects.requireNonNull(data, "data"), null, null);
    }

    /**
     * This training on arrays: the rows are cut into {@code DataSet}s of the fit's batch size and spread over the
     * cluster unscaled (a Normalization layer of the model scales them on the executors, as in {@code fit(x, y)}).
     */
    public SparkDataset distribute(INDArray x, INDArray y) {
        return new SparkDataset(this, null, new SparkDataset.Arrays(Objects.requireNonNull(x, "x"),
                Objects.requireNonNull(y, "y")), null);
    }

    public JavaSparkContext context() {
        return context;
    }

    public TrainingMasterType type() {
        return type;
    }

    public int averagingFrequency() {
        return averagingFrequency;
    }

    public double threshold() {
        return threshold;
    }

    /** The workers given, or null for DL4J's default. */
    public Integer workers() {
        return workers;
    }

    public int port() {
        return port;
    }

    /** The controller address given, or null. */
    public String controllerAddress() {
        return controllerAddress;
    }

    /** The network mask given, or null. */
    public String networkMask() {
        return networkMask;
    }

    /** The export directory given, or null (train on the RDD directly). */
    public String exportDirectory() {
        return exportDirectory;
    }

    private SparkTraining copy() {
        try {
            return (SparkTraining) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "SparkTraining(master=" + context.master() + ", training_master=" + type.configName()
                + (type == TrainingMasterType.AVERAGING ? ", averaging_frequency=" + averagingFrequency
                        : ", threshold=" + threshold + ", port=" + port)
                + (workers == null ? "" : ", workers=" + workers) + ")";
    }
}
