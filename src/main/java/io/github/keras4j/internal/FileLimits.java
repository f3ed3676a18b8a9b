package io.github.keras4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * The limits keras4j checks before it allocates anything whose size a file declares: a cap on the bytes read from
 * an entry of an archive (a compressed entry of a few bytes may inflate to gigabytes), a cap on config text, and
 * the memory this JVM may give to arrays. Sizes are computed in {@code long} with overflow checks.
 */
public final class FileLimits {

    /** The most bytes of JSON keras4j reads for one config (Keras's configs are kilobytes). */
    public static final long MAX_JSON_BYTES = 16L << 20;
    /** The most dimensions an array from a file may have (NumPy's own limit is 64; keras4j's arrays have 1 to 4). */
    public static final int MAX_RANK = 32;
    /** The most elements one array from a file may hold: what one Java array can. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private FileLimits() {
    }

    /**
     * All bytes of a stream, at most {@code cap} of them.
     *
     * @param what names the stream for the error ("config.json of m.keras")
     * @throws IllegalArgumentException naming {@code what} when it holds more than {@code cap} bytes
     */
    public static byte[] readAtMost(InputStream in, long cap, String what) throws IOException {
        int initial = (int) Math.min(cap + 1, 1 << 16);
        byte[] buffer = new byte[Math.max(initial, 16)];
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                if (size > cap) {
                    throw tooLarge(what, cap);
                }
                long grown = Math.min(Math.max(2L * buffer.length, 16), Math.min(cap + 1, MAX_ELEMENTS));
                if (grown <= buffer.length) {
                    throw tooLarge(what, cap);
                }
                buffer = Arrays.copyOf(buffer, (int) grown);
            }
            int read = in.read(buffer, size, buffer.length - size);
            if (read < 0) {
                break;
            }
            size += read;
            if (size > cap) {
                throw tooLarge(what, cap);
            }
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    private static IllegalArgumentException tooLarge(String what, long cap) {
        return new IllegalArgumentException(what + " holds more than " + bytes(cap) + ", more than it can "
                + "plausibly need");
    }

    /**
     * The product of {@code dimensions} with every dimension checked: none negative, the product at most
     * {@link #MAX_ELEMENTS}.
     *
     * @param what names the array for the error
     */
    public static long elements(long[] dimensions, String what) {
        if (dimensions.length > MAX_RANK) {
            throw new IllegalArgumentException(what + " has " + dimensions.length + " dimensions, more than the "
                    + MAX_RANK + " keras4j reads");
        }
        long product = 1;
        for (long dimension : dimensions) {
            if (dimension < 0) {
                throw new IllegalArgumentException(what + " declares a negative size " + dimension + " in its shape "
                        + Arrays.toString(dimensions));
            }
            try {
                product = Math.multiplyExact(product, dimension);
            } catch (ArithmeticException overflow) {
                product = Long.MAX_VALUE;
            }
        }
        for (long dimension : dimensions) {
            if (dimension == 0) {
                return 0;
            }
        }
        if (product > MAX_ELEMENTS) {
            throw new IllegalArgumentException(what + " declares shape " + Arrays.toString(dimensions) + ", "
                    + (product == Long.MAX_VALUE ? "more than 2^63" : String.format(Locale.ROOT, "%,d", product))
                    + " values, more than one array can hold");
        }
        return product;
    }

    /**
     * A text file (a config), at most {@link #MAX_JSON_BYTES}, decoded as strict UTF-8.
     *
     * @param expected what the file should be, for the errors ("a run config")
     * @throws IllegalArgumentException naming the file when it is missing, not a regular file (a FIFO would block),
     *                                  too large or not UTF-8
     */
    public static String readText(Path file, String expected) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(Files.exists(file) ? file + " is not a regular file; expected "
                    + expected : "no such file: " + file);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = readAtMost(in, MAX_JSON_BYTES, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text; expected " + expected);
        }
    }

    /** The bytes of native (ND4J) memory this JVM may still allocate: JavaCPP's limit less what is in use. */
    public static long availableArrayBytes() {
        long max = Pointer.maxBytes();
        if (max <= 0) {
            max = Runtime.getRuntime().maxMemory();
        }
        return Math.max(0, max - Pointer.totalBytes());
    }

    /** The bytes ND4J may allocate in all (JavaCPP's {@code maxBytes}, by default the JVM's -Xmx). */
    public static long maxArrayBytes() {
        long max = Pointer.maxBytes();
        return max <= 0 ? Runtime.getRuntime().maxMemory() : max;
    }

    /** {@code bytes} in words: {@code 12 MB}, {@code 3.4 GB}. */
    public static String bytes(long bytes) {
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%,d bytes", bytes);
        }
        if (bytes < 10L << 30) {
            return String.format(Locale.ROOT, "%,d MB", (bytes + (1L << 20) - 1) >> 20);
        }
        return String.format(Locale.ROOT, "%,.1f GB", bytes / (double) (1L << 30));
    }
}
