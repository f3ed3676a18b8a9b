package io.github.keras4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tutorial 006's files, written once by datasets/make_digits.py: the 1797 UCI digits, 64 pixels scaled from 0..16
 * to k / 16, split 1437 / 360 with every digit in proportion on both sides.
 */
class DigitsDatasetTest {

    private static final Path TRAIN = Path.of("datasets", "digits_train.csv");
    private static final Path TEST = Path.of("datasets", "digits_test.csv");

    @Test
    void filesHoldTheDigitsAsScaledPixelsAndALabel() {
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                expected.add("pixel_" + r + "_" + c);
            }
        }
        int[] perDigit = new int[10];
        for (Path file : List.of(TRAIN, TEST)) {
            CsvData data = new CsvDataset(file).labelColumns("label").dtype("float64").load();
            assertEquals(expected, data.featureColumns());
            double[] pixels = io.github.keras4j.internal.ArrayInput.rowMajor(data.features());
            assertEquals(data.rows() * 64, pixels.length);
            for (double value : pixels) {
                double count = value * 16;
                assertTrue(count == Math.rint(count) && count >= 0 && count <= 16, file + ": " + value);
            }
            double[] labels = io.github.keras4j.internal.ArrayInput.rowMajor(data.labels());
            int[] digits = new int[10];
            for (double label : labels) {
                assertTrue(label == Math.rint(label) && label >= 0 && label <= 9, file + ": label " + label);
                digits[(int) label]++;
                perDigit[(int) label]++;
            }
            // Stratified: each digit is about a tenth of either file.
            for (int digit = 0; digit < 10; digit++) {
                double share = digits[digit] / (double) labels.length;
                assertTrue(share > 0.09 && share < 0.11, file + ": digit " + digit + " is " + share);
            }
        }
        // load_digits: 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 images of 0 to 9.
        assertEquals(List.of(178, 182, 177, 183, 181, 182, 181, 179, 174, 180),
                java.util.Arrays.stream(perDigit).boxed().toList());
        assertEquals(1437, new CsvDataset(TRAIN).labelColumns("label").load().rows());
        assertEquals(360, new CsvDataset(TEST).labelColumns("label").load().rows());
    }

    @Test
    void noTestRowIsATrainingRow() throws IOException {
        Set<String> train = new HashSet<>(Files.readAllLines(TRAIN));
        long shared = Files.readAllLines(TEST).stream().skip(1).filter(train::contains).count();
        assertEquals(0, shared, "test rows that are also training rows");
    }
}
