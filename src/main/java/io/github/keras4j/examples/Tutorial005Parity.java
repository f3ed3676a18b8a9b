package io.github.keras4j.examples;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import io.github.keras4j.Shape;
import io.github.keras4j.data.NumpyFiles;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.Masking;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.plot.Plots;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tutorial 005: XOR along a sequence. The parity of a bit string (1 when it holds an odd number of ones) is XOR applied
 * bit after bit, the classic first task of an LSTM: it must carry one bit of state through the whole string. Random
 * strings of 2 to 20 bits ({@code datasets/parity_*.npz}, written by {@code datasets/make_parity.py}) are encoded
 * one-hot per bit and padded at the start with zero steps, which {@code Masking()} skips, as a Keras user writes it:
 * <pre>{@code
 * data = np.load("datasets/parity_train.npz")
 * model = keras.Sequential([
 *     layers.Masking(input_shape=(None, 2)),     # padding steps are [0, 0]; bits are [1, 0] and [0, 1]
 *     layers.LSTM(32),
 *     layers.Dense(1, activation="sigmoid")])
 * model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="binary_crossentropy",
 *               metrics=["accuracy"])
 * model.fit(data["x"], data["y"], epochs=40, batch_size=32, verbose=2)
 * model.evaluate(test["x"], test["y"])          # held-back strings of up to 20 bits
 * }</pre>
 * Then the accuracy on strings of 40 and 100 bits, twice and five times as long as any it was trained on, says whether
 * it learned the rule or the lengths; {@link Plots#accuracyByLength} draws the accuracy per length. Run it with an
 * optional seed and an optional PNG file for the plot (which needs XChart):
 * {@code java -cp target/keras4j.jar io.github.keras4j.examples.Tutorial005Parity 3 parity.png}; {@code --quick} as the
 * first argument trains only on the strings of up to {@value #QUICK_LENGTH} bits, for a run of seconds.
 */
public final class Tutorial005Parity {

    /** 2000 random strings of 2 to 20 bits, padded to 20 steps. */
    public static final Path TRAIN = Path.of("datasets", "parity_train.npz");
    /** 1000 held-back strings of 2 to 20 bits: none occurs in the training file. */
    public static final Path TEST = Path.of("datasets", "parity_test.npz");
    /** 500 strings of 40 bits, and of 100 bits: beyond every training length. */
    public static final Path LENGTH_40 = Path.of("datasets", "parity_length40.npz");
    public static final Path LENGTH_100 = Path.of("datasets", "parity_length100.npz");
    public static final int MAX_LENGTH = 20;
    /** The features of a step: a bit one-hot, [1, 0] or [0, 1]; padding is [0, 0]. */
    public static final int FEATURES = 2;
    public static final int UNITS = 32;
    public static final double LEARNING_RATE = 0.01;
    public static final int EPOCHS = 40;
    public static final int BATCH_SIZE = 32;
    /** The quick run trains on the training strings of up to this many bits, cut to this many steps. */
    public static final int QUICK_LENGTH = 8;
    public static final int QUICK_EPOCHS = 9;

    private Tutorial005Parity() {
    }

    /** Strings and their parity: x (strings, steps, 2), y (strings, 1). */
    public record Strings(INDArray x, INDArray y) {

        /** How many strings. */
        public long count() {
            return x.size(0);
        }
    }

    /**
     * The trained model, its history, {@code evaluate}'s {@code [loss, accuracy]} on the held-back strings (of up to
     * the longest training length), and the accuracy for each string length of the test and long files.
     */
    public record Result(Sequential model, History history, int trainedUpTo, double[] testScores,
            Map<Integer, Double> accuracyByLength) {

        /** The accuracy on the held-back strings. */
        public double testAccuracy() {
            return testScores[1];
        }
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        String[] rest = quick ? Arrays.copyOfRange(args, 1, args.length) : args;
        long seed = rest.length > 0 ? Long.parseLong(rest[0]) : new Random().nextLong();
        Result result = quick ? runQuick(seed, 2) : run(seed, 2);
        System.out.printf(Locale.ROOT, "%naccuracy on held-back strings of 2 to %d bits: %.2f%%%n",
                result.trainedUpTo(), result.testAccuracy() * 100);
        for (int length : new int[] {40, 100}) {
            System.out.printf(Locale.ROOT, "accuracy on strings of %d bits: %.2f%%%n", length,
                    result.accuracyByLength().get(length) * 100);
        }
        if (rest.length > 1) {
            Path plot = Plots.accuracyByLength(result.accuracyByLength(), result.trainedUpTo(), Path.of(rest[1]));
            System.out.println("accuracy by length: " + plot);
        }
    }

    /** The tutorial's network: Masking, LSTM(32), Dense(1, sigmoid), Adam(0.01), seeded with {@code seed}. */
    public static Sequential model(long seed) {
        Sequential model = new Sequential().seed(seed);
        model.add(new Masking().inputShape(Shape.NONE, FEATURES));
        model.add(new LSTM(UNITS));
        model.add(new Dense(1, "sigmoid"));
        model.compile(new Adam(LEARNING_RATE), "binary_crossentropy", "accuracy");
        return model;
    }

    /** One of the tutorial's files: the arrays x and y of an {@code .npz} archive, as {@code np.load} gives them. */
    public static Strings read(Path file) {
        return new Strings(NumpyFiles.load(file, "x"), NumpyFiles.load(file, "y"));
    }

    /** Trains on every training string for {@value #EPOCHS} epochs and evaluates on the held-back and long strings. */
    public static Result run(long seed, int verbose) {
        return train(seed, verbose, read(TRAIN), read(TEST), MAX_LENGTH, EPOCHS);
    }

    /**
     * The quick run: the same network trained only on the training strings of up to {@value #QUICK_LENGTH} bits (their
     * last {@value #QUICK_LENGTH} steps, which hold the whole string since padding comes first) for
     * {@value #QUICK_EPOCHS} epochs, and tested on the held-back strings of up to {@value #QUICK_LENGTH} bits.
     */
    public static Result runQuick(long seed, int verbose) {
        return train(seed, verbose, upTo(read(TRAIN), QUICK_LENGTH), upTo(read(TEST), QUICK_LENGTH), QUICK_LENGTH,
                QUICK_EPOCHS);
    }

    private static Result train(long seed, int verbose, Strings train, Strings test, int trainedUpTo, int epochs) {
        Sequential model = model(seed);
        History history = model.fit(train.x(), train.y(), Fit.epochs(epochs).batchSize(BATCH_SIZE).verbose(verbose));
        double[] scores = model.evaluate(test.x(), test.y(), BATCH_SIZE, verbose == 0 ? 0 : 1);
        Map<Integer, Double> byLength = new TreeMap<>(accuracyByLength(model, test));
        byLength.putAll(accuracyByLength(model, read(LENGTH_40)));
        byLength.putAll(accuracyByLength(model, read(LENGTH_100)));
        return new Result(model, history, trainedUpTo, scores, byLength);
    }

    /** The strings of at most {@code length} bits, cut to their last {@code length} steps. */
    public static Strings upTo(Strings strings, int length) {
        long[] lengths = lengths(strings.x());
        int[] kept = java.util.stream.IntStream.range(0, lengths.length).filter(i -> lengths[i] <= length).toArray();
        long steps = strings.x().size(1);
        INDArray x = strings.x().get(NDArrayIndex.indices(Arrays.stream(kept).asLongStream().toArray()),
                NDArrayIndex.interval(steps - length, steps), NDArrayIndex.all()).dup('c');
        INDArray y = strings.y().get(NDArrayIndex.indices(Arrays.stream(kept).asLongStream().toArray()),
                NDArrayIndex.all()).dup('c');
        return new Strings(x, y);
    }

    /** The number of bits of each string: its steps that are not padding. */
    public static long[] lengths(INDArray x) {
        return x.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).sum(2).sum(1).toLongVector();
    }

    /** The model's accuracy on the strings of each length (a prediction above 0.5 says odd). */
    public static Map<Integer, Double> accuracyByLength(Sequential model, Strings strings) {
        double[] predicted = model.predict(strings.x(), 256, 0).reshape(strings.count()).toDoubleVector();
        long[] parity = strings.y().reshape(strings.count()).toLongVector();
        long[] lengths = lengths(strings.x());
        Map<Integer, int[]> counts = new TreeMap<>();
        for (int i = 0; i < predicted.length; i++) {
            int[] rightAndAll = counts.computeIfAbsent((int) lengths[i], length -> new int[2]);
            rightAndAll[0] += (predicted[i] > 0.5 ? 1 : 0) == parity[i] ? 1 : 0;
            rightAndAll[1]++;
        }
        Map<Integer, Double> accuracy = new TreeMap<>();
        counts.forEach((length, rightAndAll) -> accuracy.put(length, rightAndAll[0] / (double) rightAndAll[1]));
        return accuracy;
    }
}
