package io.github.keras4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.InvalidFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's files as {@code numpy.load} reads them: the fixtures were written by NumPy 2.4 itself
 * ({@code make_numpy_fixtures.py} beside them), every dtype and layout a data set comes in.
 */
class NumpyFilesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/io/github/keras4j/data/numpy");

    @TempDir
    Path directory;

    private static INDArray load(String name) {
        return NumpyFiles.load(FIXTURES.resolve(name));
    }

    @Test
    void floatSequencesOfEveryLayoutReadAsNumPyMeansThem() {
        INDArray expected = Nd4j.arange(6).castTo(DataType.FLOAT).reshape(2, 3, 1);
        assertEquals(expected, load("seq_f4.npy"));
        assertEquals(expected, load("seq_f4_big_endian.npy"));
        assertEquals(expected.castTo(DataType.DOUBLE), load("seq_f8.npy"));
        assertEquals(expected.castTo(DataType.DOUBLE), load("seq_f8_fortran.npy"));
    }

    @Test
    void integerTokensAndBooleansReadAsWholeNumbers() {
        INDArray tokens = Nd4j.createFromArray(new long[][] {{0, 1, 2}, {3, 4, 5}});
        for (String file : List.of("tokens_i1.npy", "tokens_i4.npy", "tokens_i8.npy")) {
            assertEquals(tokens, load(file), file);
        }
        assertEquals(Nd4j.createFromArray(new long[][] {{250, 251, 252}, {253, 254, 255}}), load("tokens_u1.npy"));
        assertEquals(Nd4j.createFromArray(1L, 0L), load("labels_bool.npy"));
        assertEquals(0, load("scalar_f8.npy").rank());
    }

    @Test
    void archivesOfSavezAndSavezCompressedListAndLoadTheirArrays() {
        assertEquals(List.of("x", "y"), NumpyFiles.names(FIXTURES.resolve("task.npz")));
        Map<String, INDArray> task = NumpyFiles.loadAll(FIXTURES.resolve("task_compressed.npz"));
        assertArrayEquals(new long[] {4, 3, 1}, task.get("x").shape());
        assertEquals(-1, task.get("x").getLong(0, 0, 0));
        assertEquals(Nd4j.createFromArray(new long[][] {{1}, {0}, {1}, {0}}), task.get("y"));
        assertEquals(List.of("x_train", "y_train", "x_test", "y_test"),
                NumpyFiles.names(FIXTURES.resolve("splits.npz")));
        assertArrayEquals(new long[] {2, 3, 1}, NumpyFiles.load(FIXTURES.resolve("splits.npz"), "x_test").shape());
    }

    @Test
    void aMissingArrayIsNamedWithTheArchivesArrays() {
        Path file = FIXTURES.resolve("splits.npz");
        InvalidFileException error = assertThrows(InvalidFileException.class, () -> NumpyFiles.load(file, "x"));
        assertEquals(file + " has no array 'x'; its arrays: x_train, y_train, x_test, y_test", error.getMessage());
    }

    @Test
    void aTypeKeras4jDoesNotReadIsNamedWithTheTypesItReads() {
        InvalidFileException error = assertThrows(InvalidFileException.class, () -> load("labels_f2.npy"));
        assertEquals(FIXTURES.resolve("labels_f2.npy") + " holds NumPy type '<f2'; keras4j reads floats (f4, f8), "
                + "integers (i1, i2, i4, i8, u1, u2, u4) and booleans (b1)", error.getMessage());
    }

    @Test
    void aTruncatedFileIsRefusedBeforeAnythingIsAllocated() throws IOException {
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve("seq_f4.npy"));
        Path cut = directory.resolve("cut.npy");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        InvalidFileException error = assertThrows(InvalidFileException.class, () -> NumpyFiles.load(cut));
        assertEquals(cut + " declares shape [2, 3, 1] of <f4 (24 bytes of data) but holds 20 bytes",
                error.getMessage());
        // A header claiming a huge shape over a few bytes is refused the same way.
        String header = new String(bytes, 10, bytes[8], java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] huge = bytes.clone();
        String replaced = header.replace("(2, 3, 1)", "(9999999, 9999, 1)").stripTrailing();
        byte[] claimed = (replaced + " ".repeat(header.length() - 1 - replaced.length()) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(claimed, 0, huge, 10, claimed.length);
        Path hostile = directory.resolve("hostile.npy");
        Files.write(hostile, huge);
        String message = assertThrows(InvalidFileException.class, () -> NumpyFiles.load(hostile)).getMessage();
        assertTrue(message.startsWith(hostile + " declares shape [9999999, 9999, 1]"), message);
    }

    @Test
    void notAnArchiveAndNotAFileAreSaidInWords() throws IOException {
        Path text = directory.resolve("data.npz");
        Files.writeString(text, "x,y\n1,2\n");
        String message = assertThrows(InvalidFileException.class, () -> NumpyFiles.names(text)).getMessage();
        assertTrue(message.startsWith(text + " is not a complete zip archive"), message);
        assertEquals("no such file: " + directory.resolve("none.npy"),
                assertThrows(InvalidFileException.class, () -> NumpyFiles.load(directory.resolve("none.npy")))
                        .getMessage());
        assertTrue(assertThrows(InvalidFileException.class, () -> NumpyFiles.load(directory)).getMessage()
                .contains("is not a regular file"));
    }
}
