import io.github.keras4j.Fit;
import io.github.keras4j.Sequential;
import io.github.keras4j.callbacks.LambdaCallback;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * One benchmark worker: one implementation, one workload, in its own JVM (so that peak RSS and JVM flags belong
 * to it). bench/bench.py starts it; it prints {@code RESULT key=value ...} lines.
 *
 * <p>{@code java -cp target/keras4j.jar bench/Bench.java IMPL WORKLOAD [quick]} with IMPL one of {@code keras4j}
 * (the facade, as a user writes it, with its default training step), {@code keras4j-dl4j} (the facade with its
 * compiled steps switched off, so DL4J's {@code fit} runs the step; where the switch does not exist yet this is
 * the same as {@code keras4j}, and the RESULT line says so), {@code dl4j} (the same network written against DL4J as
 * its documentation shows, DL4J's defaults) or {@code dl4j-tuned} (that DL4J code with hand-set ND4J flags);
 * WORKLOAD one of {@code xor}, {@code deepxor}, {@code gauss}, {@code mnist}, {@code predict}, {@code wide},
 * {@code digits}, {@code parity}, {@code lstm_step}, {@code sgemm}. Every RESULT line names the BLAS ND4J multiplies with and the native build it loaded.
 */
public class Bench {

    static final int XOR_WARMUP = 1500;
    static final int XOR_ROUNDS = 15;
    static final int XOR_STEPS = 300;
    static final int WIDE_WARMUP = 5;
    static final int WIDE_ROUNDS = 12;
    static final int WIDE_STEPS = 3;
    /** Forward 2*b*sum(in*out) flops; backward about twice that. */
    static final double WIDE_GFLOP = 3.0 * 2 * 256 * (784.0 * 1024 + 1024.0 * 1024 + 1024.0 * 10) / 1e9;
    static final int MNIST_ROWS = 1280;
    static final int MNIST_BATCH = 128;
    static final int MNIST_WARMUP = 3;
    static final int MNIST_ROUNDS = 12;
    /** Tutorial 006: its 1437 training images of 8x8x1, batches of 32 (45 steps an epoch, the last of 29). */
    static final int DIGITS_ROWS = 1437;
    static final int DIGITS_BATCH = 32;
    static final int DIGITS_WARMUP = 3;
    static final int DIGITS_ROUNDS = 12;
    /** Tutorial 005: its 2000 training strings of 2 to 20 bits, one-hot, padded to 20 steps, batches of 32. */
    static final int PARITY_STRINGS = 2000;
    static final int PARITY_STEPS = 20;
    static final int PARITY_UNITS = 32;
    static final int PARITY_BATCH = 32;
    static final int PARITY_WARMUP = 1;
    static final int PARITY_ROUNDS = 5;
    static final int LSTM_ROWS = 1024;
    static final int LSTM_LENGTH = 20;
    static final int LSTM_BATCH = 32;
    static final int LSTM_WARMUP = 2;
    static final int LSTM_ROUNDS = 8;
    static final int PREDICT_WARMUP = 2000;
    static final int PREDICT_ROUNDS = 15;
    static final int PREDICT_CALLS = 200;
    /** The system property and Backend method of the engine's switch back to DL4J's fit (issue 14 item 4). */
    static final String COMPILED_STEPS_PROPERTY = "keras4j.compiledSteps";

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        String workload = args[1];
        boolean quick = args.length > 2 && args[2].equals("quick");
        String path = "dl4j";
        if (impl.startsWith("keras4j")) {
            // Touching keras4j's Backend first applies its native defaults (BLAS, threads) before ND4J starts.
            path = trainingPath(impl.equals("keras4j-dl4j"));
            impl = "keras4j";
        }
        if (impl.equals("dl4j-tuned")) {
            tuneNd4j();
        }
        double[] perStep = switch (workload) {
            case "xor" -> xor(impl, 1, quick);
            case "deepxor" -> xor(impl, 7, quick);
            case "gauss" -> gauss(impl, quick ? 20 : 200);
            case "mnist" -> mnist(impl, quick);
            case "predict" -> predict(impl, quick);
            case "wide" -> wide(impl);
            case "digits" -> digits(impl, quick);
            case "parity" -> parity(impl, quick);
            case "lstm_step" -> lstmStep(impl, quick);
            case "sgemm" -> sgemm(2048, 2048, 2048);
            case "sgemm_wide" -> sgemm(256, 1024, 1024);
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
        Arrays.sort(perStep);
        System.out.printf(Locale.ROOT, "RESULT impl=%s workload=%s median=%.1f p10=%.1f p90=%.1f n=%d rss_kb=%d "
                        + "path=%s blas=%s native=%s blas_threads=%d%n",
                impl, workload, quantile(perStep, 0.5), quantile(perStep, 0.1), quantile(perStep, 0.9),
                perStep.length, peakRssKb(), path, Nd4j.factory().blas().getBlasVendor().name().toLowerCase(Locale.ROOT),
                nativeBuild(), Nd4j.factory().blas().getMaxThreads());
    }

    /**
     * Which step keras4j trains with: {@code compiled} or {@code dl4j}. With {@code dl4jPath} the engine's switch
     * is turned off through {@code Backend.compiledSteps(false)} where that method exists (the system property is
     * set too, for an engine that reads only that); where neither exists every keras4j step is DL4J's.
     */
    static String trainingPath(boolean dl4jPath) throws Exception {
        Class<?> backend = io.github.keras4j.Backend.class;
        java.lang.reflect.Method setter;
        try {
            setter = backend.getMethod("compiledSteps", boolean.class);
        } catch (NoSuchMethodException e) {
            return "dl4j (no compiled step in this build)";
        }
        if (dl4jPath) {
            System.setProperty(COMPILED_STEPS_PROPERTY, "false");
            setter.invoke(null, false);
        }
        try {
            return (Boolean) backend.getMethod("compiledSteps").invoke(null) ? "compiled" : "dl4j";
        } catch (NoSuchMethodException e) {
            return dl4jPath ? "dl4j" : "compiled";
        }
    }

    /** The directory (platform and extension) JavaCPP loaded ND4J's native library from, e.g. linux-x86_64-avx2. */
    static String nativeBuild() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int at = line.indexOf("/nativecpu/bindings/");
            if (at >= 0 && line.endsWith("libnd4jcpu.so")) {
                String dir = line.substring(at + "/nativecpu/bindings/".length());
                return dir.substring(0, dir.indexOf('/'));
            }
        }
        return "unknown";
    }

    /**
     * What a careful DL4J user sets by hand (bench.py adds the JVM flags): no periodic System.gc() from ND4J, no
     * op profiling or debug checks.
     */
    static void tuneNd4j() {
        Nd4j.getMemoryManager().togglePeriodicGc(false);
        Nd4j.getExecutioner().setProfilingMode(org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.DISABLED);
        Nd4j.getEnvironment().setDebug(false);
        Nd4j.getEnvironment().setVerbose(false);
    }

    // ---------------------------------------------------------------- XOR (tutorials 002 and 000)

    static double[] xor(String impl, int hiddenLayers, boolean quick) {
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        int warmup = quick ? XOR_WARMUP / 3 : XOR_WARMUP;
        int rounds = quick ? 7 : XOR_ROUNDS;
        int steps = quick ? 150 : XOR_STEPS;
        double[] perStep = new double[rounds];
        if (impl.equals("keras4j")) {
            Sequential model = new Sequential().seed(1);
            model.add(new Dense(16, "relu").inputDim(2));
            for (int i = 1; i < hiddenLayers; i++) {
                model.add(new Dense(16, "relu"));
            }
            model.add(new Dense(1, "sigmoid"));
            model.compile("adam", "mean_squared_error", "binary_accuracy");
            model.fit(x, y, Fit.epochs(warmup).verbose(0));
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                model.fit(x, y, Fit.epochs(steps).verbose(0));
                perStep[r] = (System.nanoTime() - start) / 1e3 / steps;
            }
            return perStep;
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(1)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.001, 0.9, 0.999, 1e-7))
                .list();
        int units = 2;
        for (int i = 0; i < hiddenLayers; i++) {
            list.layer(new DenseLayer.Builder().nIn(units).nOut(16).activation(Activation.RELU).build());
            units = 16;
        }
        list.layer(new OutputLayer.Builder(LossFunction.MSE).nIn(16).nOut(1).activation(Activation.SIGMOID).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        DataSet data = new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
        for (int i = 0; i < warmup; i++) {
            net.fit(data);
        }
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                net.fit(data);
            }
            perStep[r] = (System.nanoTime() - start) / 1e3 / steps;
        }
        return perStep;
    }

    // ---------------------------------------------------------------- gaussian XOR (tutorial 004), whole run

    static double[] gauss(String impl, int epochs) {
        Random random = new Random(1);
        double[][] xTrain = new double[10000][2];
        double[][] yTrain = new double[10000][];
        for (int i = 0; i < xTrain.length; i++) {
            xTrain[i][0] = random.nextGaussian();
            xTrain[i][1] = random.nextGaussian();
            boolean same = xTrain[i][0] * xTrain[i][1] > 0;
            yTrain[i] = new double[] {same ? 1 : 0, same ? 0 : 1};
        }
        int steps = 100;
        double[] perEpoch = new double[epochs];
        // The whole run is timed as torch_bench.py times it: from the built model (ND4J started, the network
        // initialised; torch's import and model construction are not timed either) to the last epoch's end. It
        // includes fit's conversion and checks of the Java arrays, which a Keras user's fit pays too.
        long runStart;
        if (impl.equals("keras4j")) {
            long[] last = {System.nanoTime()};
            Sequential model = new Sequential().seed(1);
            model.add(new Dense(4, "relu").inputDim(2));
            model.add(new Dense(4, "relu"));
            model.add(new Dense(2, "softmax"));
            model.compile(new SGD().momentum(0.99), "binary_crossentropy");
            model.network();
            runStart = System.nanoTime();
            LambdaCallback timer = new LambdaCallback().onEpochBegin((epoch, logs) -> last[0] = System.nanoTime())
                    .onEpochEnd((epoch, logs) -> perEpoch[epoch] = (System.nanoTime() - last[0]) / 1e3 / steps);
            model.fit(xTrain, yTrain, Fit.epochs(epochs).batchSize(100).verbose(0).callbacks(timer));
        } else {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(1)
                    .weightInit(WeightInit.XAVIER_UNIFORM)
                    .updater(new Nesterovs(0.01, 0.99))
                    .list()
                    .layer(new DenseLayer.Builder().nIn(2).nOut(4).activation(Activation.RELU).build())
                    .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(4).nOut(2).activation(Activation.SOFTMAX)
                            .build())
                    // Keras's binary cross-entropy over a 2-way softmax; DL4J's check would insist on MCXENT.
                    .validateOutputLayerConfig(false)
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            runStart = System.nanoTime();
            DataSet all = new DataSet(Nd4j.createFromArray(xTrain).castTo(DataType.FLOAT),
                    Nd4j.createFromArray(yTrain).castTo(DataType.FLOAT));
            DataSetIterator iterator = new ListDataSetIterator<>(all.asList(), 100);
            for (int e = 0; e < epochs; e++) {
                long start = System.nanoTime();
                net.fit(iterator);
                perEpoch[e] = (System.nanoTime() - start) / 1e3 / steps;
            }
        }
        System.out.printf(Locale.ROOT, "RESULT impl=%s workload=gauss_total seconds=%.2f epochs=%d%n", impl,
                (System.nanoTime() - runStart) / 1e9, epochs);
        return perEpoch;
    }

    // ---------------------------------------------------------------- Keras's mnist_mlp example, random data

    /**
     * Keras's examples/mnist_mlp.py: Dense(512, relu), Dropout(0.2), Dense(512, relu), Dropout(0.2),
     * Dense(10, softmax), RMSprop, categorical cross-entropy with the accuracy metric, batch 128. Random data of
     * MNIST's shape (the arithmetic does not depend on the values); microseconds per step.
     */
    static double[] mnist(String impl, boolean quick) {
        INDArray[] data = mnistData(MNIST_ROWS);
        int batches = MNIST_ROWS / MNIST_BATCH;
        int rounds = quick ? 5 : MNIST_ROUNDS;
        double[] perStep = new double[rounds];
        if (impl.equals("keras4j")) {
            Sequential model = mnistModel();
            model.compile(new RMSprop(), "categorical_crossentropy", "accuracy");
            model.fit(data[0], data[1], Fit.epochs(MNIST_WARMUP).batchSize(MNIST_BATCH).verbose(0));
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                model.fit(data[0], data[1], Fit.epochs(1).batchSize(MNIST_BATCH).verbose(0));
                perStep[r] = (System.nanoTime() - start) / 1e3 / batches;
            }
            return perStep;
        }
        MultiLayerNetwork net = mnistNetwork();
        DataSetIterator iterator = new ListDataSetIterator<>(new DataSet(data[0], data[1]).asList(), MNIST_BATCH);
        for (int e = 0; e < MNIST_WARMUP; e++) {
            net.fit(iterator);
        }
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            net.fit(iterator);
            perStep[r] = (System.nanoTime() - start) / 1e3 / batches;
        }
        return perStep;
    }

    /** predict() of one row on mnist_mlp's network (a server answering one request); microseconds per call. */
    static double[] predict(String impl, boolean quick) {
        INDArray row = mnistData(1)[0];
        int rounds = quick ? 7 : PREDICT_ROUNDS;
        double[] perCall = new double[rounds];
        if (impl.equals("keras4j")) {
            Sequential model = mnistModel();
            model.compile(new RMSprop(), "categorical_crossentropy", "accuracy");
            // verbose 0, as the Keras peer's model.predict(row, verbose=0): Keras's default verbose 1 prints a
            // progress bar on every call, which a server does not want and the other peers do not pay for.
            for (int i = 0; i < PREDICT_WARMUP; i++) {
                model.predict(row, 32, 0);
            }
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < PREDICT_CALLS; i++) {
                    model.predict(row, 32, 0);
                }
                perCall[r] = (System.nanoTime() - start) / 1e3 / PREDICT_CALLS;
            }
            return perCall;
        }
        MultiLayerNetwork net = mnistNetwork();
        for (int i = 0; i < PREDICT_WARMUP; i++) {
            net.output(row);
        }
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < PREDICT_CALLS; i++) {
                net.output(row);
            }
            perCall[r] = (System.nanoTime() - start) / 1e3 / PREDICT_CALLS;
        }
        return perCall;
    }

    static INDArray[] mnistData(int rows) {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, rows, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 10);
        Random random = new Random(1);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, random.nextInt(10), 1f);
        }
        return new INDArray[] {x, y};
    }

    static Sequential mnistModel() {
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(512, "relu").inputDim(784));
        model.add(new Dropout(0.2));
        model.add(new Dense(512, "relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(10, "softmax"));
        return model;
    }

    /** mnist_mlp in DL4J: a layer's dropOut(p) keeps its input with probability p (Keras's rate 0.2 = keep 0.8). */
    static MultiLayerNetwork mnistNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new RmsProp(0.001, 0.9, 1e-7))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(512).nOut(512).activation(Activation.RELU).dropOut(0.8).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(512).nOut(10).activation(Activation.SOFTMAX)
                        .dropOut(0.8).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    // ---------------------------------------------------------------- wide MLP, random data

    static double[] wide(String impl) {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 256, 10);
        Random random = new Random(1);
        for (int i = 0; i < 256; i++) {
            y.putScalar(i, random.nextInt(10), 1f);
        }
        double[] perStep = new double[WIDE_ROUNDS];
        if (impl.equals("keras4j")) {
            Sequential model = new Sequential().seed(1);
            model.add(new Dense(1024, "relu").inputDim(784));
            model.add(new Dense(1024, "relu"));
            model.add(new Dense(10, "softmax"));
            model.compile(new Adam(), "categorical_crossentropy");
            model.fit(x, y, Fit.epochs(WIDE_WARMUP).batchSize(256).verbose(0));
            for (int r = 0; r < WIDE_ROUNDS; r++) {
                long start = System.nanoTime();
                model.fit(x, y, Fit.epochs(WIDE_STEPS).batchSize(256).verbose(0));
                perStep[r] = (System.nanoTime() - start) / 1e3 / WIDE_STEPS;
            }
            return perStep;
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.001, 0.9, 0.999, 1e-7))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(1024).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(1024).nOut(1024).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(1024).nOut(10).activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = new DataSet(x, y);
        for (int i = 0; i < WIDE_WARMUP; i++) {
            net.fit(data);
        }
        for (int r = 0; r < WIDE_ROUNDS; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < WIDE_STEPS; i++) {
                net.fit(data);
            }
            perStep[r] = (System.nanoTime() - start) / 1e3 / WIDE_STEPS;
        }
        return perStep;
    }

    // ---------------------------------------------------------------- tutorial 006's CNN, random data

    /**
     * Tutorial 006's network: Conv2D(32, 3x3, relu) on 8x8x1 images, MaxPooling2D(2x2), Dropout(0.25), Flatten,
     * Dense(10, softmax); Adam, categorical cross-entropy with the accuracy metric, batch 32, one epoch of the
     * tutorial's 1437 training images per round (random data of that shape: the arithmetic does not depend on the
     * values); microseconds per step.
     */
    static double[] digits(String impl, boolean quick) {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, DIGITS_ROWS, 8, 8, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, DIGITS_ROWS, 10);
        Random random = new Random(1);
        for (int i = 0; i < DIGITS_ROWS; i++) {
            y.putScalar(i, random.nextInt(10), 1f);
        }
        int batches = (DIGITS_ROWS + DIGITS_BATCH - 1) / DIGITS_BATCH;
        int rounds = quick ? 5 : DIGITS_ROUNDS;
        double[] perStep = new double[rounds];
        if (impl.equals("keras4j")) {
            Sequential model = new Sequential().seed(1);
            model.add(new Conv2D(32, 3, "relu").inputShape(8, 8, 1));
            model.add(new MaxPooling2D(2, 2));
            model.add(new Dropout(0.25));
            model.add(new Flatten());
            model.add(new Dense(10, "softmax"));
            model.compile("adam", "categorical_crossentropy", "accuracy");
            model.fit(x, y, Fit.epochs(DIGITS_WARMUP).batchSize(DIGITS_BATCH).verbose(0));
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                model.fit(x, y, Fit.epochs(1).batchSize(DIGITS_BATCH).verbose(0));
                perStep[r] = (System.nanoTime() - start) / 1e3 / batches;
            }
            return perStep;
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.001, 0.9, 0.999, 1e-7))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU)
                        .dataFormat(CNN2DFormat.NHWC).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(CNN2DFormat.NHWC).build())
                // DL4J's dropout argument is the probability of keeping an activation: Keras's rate 0.25.
                .layer(new DropoutLayer(0.75))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSetIterator iterator = new ListDataSetIterator<>(new DataSet(x, y).asList(), DIGITS_BATCH);
        for (int e = 0; e < DIGITS_WARMUP; e++) {
            net.fit(iterator);
        }
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            net.fit(iterator);
            perStep[r] = (System.nanoTime() - start) / 1e3 / batches;
        }
        return perStep;
    }

    // ---------------------------------------------------------------- tutorial 005's LSTM, random strings

    /**
     * Tutorial 005's network: Masking() over one-hot bit strings of 2 to 20 bits padded at the start to 20 steps,
     * LSTM(32), Dense(1, sigmoid); Adam(0.01), binary cross-entropy with the accuracy metric, batch 32, one epoch of the
     * tutorial's 2000 training strings per round (random strings of its lengths); microseconds per step. The DL4J peer
     * is the same network written against DL4J: its LSTM (DL4J's own layout, [strings, features, steps]) under
     * LastTimeStep, the padding as a feature mask.
     */
    static double[] parity(String impl, boolean quick) {
        Random random = new Random(1);
        INDArray x = Nd4j.zeros(DataType.FLOAT, PARITY_STRINGS, PARITY_STEPS, 2);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, PARITY_STRINGS, PARITY_STEPS);
        INDArray y = Nd4j.zeros(DataType.FLOAT, PARITY_STRINGS, 1);
        for (int i = 0; i < PARITY_STRINGS; i++) {
            int length = 2 + random.nextInt(PARITY_STEPS - 1);
            int parity = 0;
            for (int step = PARITY_STEPS - length; step < PARITY_STEPS; step++) {
                int bit = random.nextInt(2);
                x.putScalar(new long[] {i, step, bit}, 1f);
                mask.putScalar(i, step, 1f);
                parity ^= bit;
            }
            y.putScalar(i, 0, parity);
        }
        int batches = (PARITY_STRINGS + PARITY_BATCH - 1) / PARITY_BATCH;
        int rounds = quick ? 3 : PARITY_ROUNDS;
        double[] perStep = new double[rounds];
        if (impl.equals("keras4j")) {
            Sequential model = new Sequential().seed(1);
            model.add(new io.github.keras4j.layers.Masking().inputShape(io.github.keras4j.Shape.NONE, 2));
            model.add(new io.github.keras4j.layers.LSTM(PARITY_UNITS));
            model.add(new Dense(1, "sigmoid"));
            model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
            model.fit(x, y, Fit.epochs(PARITY_WARMUP).batchSize(PARITY_BATCH).verbose(0));
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                model.fit(x, y, Fit.epochs(1).batchSize(PARITY_BATCH).verbose(0));
                perStep[r] = (System.nanoTime() - start) / 1e3 / batches;
            }
            return perStep;
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.01, 0.9, 0.999, 1e-7))
                .list()
                .layer(new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(
                        new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(2).nOut(PARITY_UNITS)
                                .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID).build()))
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(PARITY_UNITS).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // LastTimeStep reads its mask in DL4J's NCW layout, so the strings go in as [strings, features, steps].
        DataSet data = new DataSet(x.permute(0, 2, 1).dup('c'), y, mask, null);
        DataSetIterator iterator = new ListDataSetIterator<>(data.asList(), PARITY_BATCH);
        for (int e = 0; e < PARITY_WARMUP; e++) {
            net.fit(iterator);
        }
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            net.fit(iterator);
            perStep[r] = (System.nanoTime() - start) / 1e3 / batches;
        }
        return perStep;
    }

    // ---------------------------------------------------------------- tutorial 005's LSTM, fixed-length bit strings

    /**
     * Tutorial 005's network: LSTM(32) on bit strings of length 20 (one feature per step), Dense(1, sigmoid); Adam,
     * binary cross-entropy with the accuracy metric, batch 32, one epoch of 1024 random strings (labels: their parity)
     * per round, shuffled; microseconds per step. keras4j's LSTM is Keras's cell (layers.dl4j.KerasRecurrentLayer);
     * the DL4J peer is DL4J's own LSTM (its gates in its order, NWC input) under LastTimeStep, the same arithmetic.
     */
    static double[] lstmStep(String impl, boolean quick) {
        Random random = new Random(1);
        INDArray x = Nd4j.create(DataType.FLOAT, LSTM_ROWS, LSTM_LENGTH, 1);
        INDArray y = Nd4j.create(DataType.FLOAT, LSTM_ROWS, 1);
        for (int i = 0; i < LSTM_ROWS; i++) {
            int parity = 0;
            for (int t = 0; t < LSTM_LENGTH; t++) {
                int bit = random.nextInt(2);
                parity ^= bit;
                x.putScalar(new long[] {i, t, 0}, bit);
            }
            y.putScalar(i, 0, parity);
        }
        int batches = (LSTM_ROWS + LSTM_BATCH - 1) / LSTM_BATCH;
        int rounds = quick ? 3 : LSTM_ROUNDS;
        double[] perStep = new double[rounds];
        if (impl.equals("keras4j")) {
            Sequential model = new Sequential().seed(1);
            model.add(new LSTM(32).inputShape(LSTM_LENGTH, 1));
            model.add(new Dense(1, "sigmoid"));
            model.compile("adam", "binary_crossentropy", "accuracy");
            model.fit(x, y, Fit.epochs(LSTM_WARMUP).batchSize(LSTM_BATCH).verbose(0));
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                model.fit(x, y, Fit.epochs(1).batchSize(LSTM_BATCH).verbose(0));
                perStep[r] = (System.nanoTime() - start) / 1e3 / batches;
            }
            return perStep;
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.001, 0.9, 0.999, 1e-7))
                .list()
                .layer(new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(
                        new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(1).nOut(32)
                                .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                                .dataFormat(org.deeplearning4j.nn.conf.RNNFormat.NWC).build()))
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(32).nOut(1).activation(Activation.SIGMOID)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSetIterator iterator = new ListDataSetIterator<>(new DataSet(x, y).asList(), LSTM_BATCH);
        for (int e = 0; e < LSTM_WARMUP; e++) {
            net.fit(iterator);
        }
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            net.fit(iterator);
            perStep[r] = (System.nanoTime() - start) / 1e3 / batches;
        }
        return perStep;
    }

    // ---------------------------------------------------------------- ND4J's own sgemm

    /**
     * Microseconds per m x k times k x n sgemm through ND4J (its BLAS); bench.py turns it into GFLOP/s. 2048 cubed
     * is the BLAS's peak; 256 x 1024 x 1024 is the wide MLP's largest product.
     */
    static double[] sgemm(int m, int k, int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.zeros(DataType.FLOAT, m, n);
        for (int i = 0; i < 3; i++) {
            a.mmuli(b, c);
        }
        double[] perCall = new double[m == 2048 ? 10 : 40];
        for (int i = 0; i < perCall.length; i++) {
            long start = System.nanoTime();
            a.mmuli(b, c);
            perCall[i] = (System.nanoTime() - start) / 1e3;
        }
        return perCall;
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** VmHWM of this process, in kB (Linux). */
    static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
