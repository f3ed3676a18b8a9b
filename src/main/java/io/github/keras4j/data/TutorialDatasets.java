package io.github.keras4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntBinaryOperator;

/**
 * Writes the tutorials' datasets to {@code datasets/} as CSV files with a header row; the committed files are its
 * output, byte for byte ({@code TutorialDatasetsTest} checks it). Regenerate them with
 * {@code java -cp target/keras4j.jar io.github.keras4j.data.TutorialDatasets [directory]} (default
 * {@code datasets}).
 * <ul>
 * <li>{@code xor.csv}, {@code and.csv}, {@code or.csv}, {@code nand.csv}, {@code nor.csv}, {@code xnor.csv}: the
 * truth tables of tutorials 000 to 002 (columns {@code x1,x2,y}; rows 00, 01, 10, 11).</li>
 * <li>{@code numpy_xor.csv}: tutorial 003's table, {@code x = [[0,0,0],[1,0,0],[0,1,0],[0,0,0]]},
 * {@code y = [0,1,1,0]} (columns {@code x1,x2,x3,y}).</li>
 * <li>{@code gaussian_xor_train.csv} (10000 rows) and {@code gaussian_xor_test.csv} (5000 rows): tutorial 004's
 * points, {@code x0, x1} standard normal ({@link Random#nextGaussian()} with seed {@value #GAUSSIAN_XOR_SEED}, the
 * training rows first, then the test rows, as the tutorial draws them), written with 6 decimals, and
 * {@code label} 0 where {@code x0 * x1 > 0} (on the values as written), 1 otherwise: one-hot encoded
 * ({@code oneHot(2)}), it is the tutorial's {@code y = [x0 * x1 > 0, x0 * x1 <= 0]}.</li>
 * </ul>
 * Numbers are printed with exact decimal rounding ({@link BigDecimal}, half-even), not {@code Double.toString},
 * whose output changed between Java versions: the files are the same on every JVM.
 */
public final class TutorialDatasets {

    /** The seed of the Gaussian XOR points. */
    public static final long GAUSSIAN_XOR_SEED = 4;
    /** Tutorial 004's training points. */
    public static final int GAUSSIAN_XOR_TRAIN_ROWS = 10000;
    /** Tutorial 004's fresh test points. */
    public static final int GAUSSIAN_XOR_TEST_ROWS = 5000;
    /** Decimals of the Gaussian coordinates: about float32's precision. */
    public static final int DECIMALS = 6;
    /** Where the files live, relative to the repository root. */
    public static final String DEFAULT_DIRECTORY = "datasets";

    private TutorialDatasets() {
    }

    /** Writes every file into the directory {@code args[0]} (default {@value #DEFAULT_DIRECTORY}). */
    public static void main(String[] args) {
        Path directory = Path.of(args.length > 0 ? args[0] : DEFAULT_DIRECTORY);
        for (Path written : write(directory)) {
            System.out.println("wrote " + written);
        }
    }

    /** Writes every file into {@code directory} (created if missing) and returns their paths. */
    public static List<Path> write(Path directory) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, String> file : contents().entrySet()) {
                Path path = directory.resolve(file.getKey());
                io.github.keras4j.internal.AtomicFiles.writeString(path, file.getValue());
                written.add(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the datasets to " + directory, e);
        }
        return written;
    }

    /** Every file's name and text, in the order {@link #write} writes them. */
    public static Map<String, String> contents() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("xor.csv", gate((a, b) -> a ^ b));
        files.put("and.csv", gate((a, b) -> a & b));
        files.put("or.csv", gate((a, b) -> a | b));
        files.put("nand.csv", gate((a, b) -> 1 - (a & b)));
        files.put("nor.csv", gate((a, b) -> 1 - (a | b)));
        files.put("xnor.csv", gate((a, b) -> 1 - (a ^ b)));
        files.put("numpy_xor.csv", "x1,x2,x3,y\n0,0,0,0\n1,0,0,1\n0,1,0,1\n0,0,0,0\n");
        Random random = new Random(GAUSSIAN_XOR_SEED);
        files.put("gaussian_xor_train.csv", gaussianXor(GAUSSIAN_XOR_TRAIN_ROWS, random));
        files.put("gaussian_xor_test.csv", gaussianXor(GAUSSIAN_XOR_TEST_ROWS, random));
        return files;
    }

    private static String gate(IntBinaryOperator output) {
        StringBuilder text = new StringBuilder("x1,x2,y\n");
        for (int x1 = 0; x1 <= 1; x1++) {
            for (int x2 = 0; x2 <= 1; x2++) {
                text.append(x1).append(',').append(x2).append(',').append(output.applyAsInt(x1, x2)).append('\n');
            }
        }
        return text.toString();
    }

    /** {@code rows} points as tutorial 004's {@code numpy.random.randn(rows, 2)}, with their class labels. */
    private static String gaussianXor(int rows, Random random) {
        StringBuilder text = new StringBuilder("x0,x1,label\n");
        for (int i = 0; i < rows; i++) {
            BigDecimal x0 = decimal(random.nextGaussian());
            BigDecimal x1 = decimal(random.nextGaussian());
            int label = x0.signum() * x1.signum() > 0 ? 0 : 1;
            text.append(x0.toPlainString()).append(',').append(x1.toPlainString()).append(',').append(label)
                    .append('\n');
        }
        return text.toString();
    }

    private static BigDecimal decimal(double value) {
        return new BigDecimal(value).setScale(DECIMALS, RoundingMode.HALF_EVEN);
    }
}
