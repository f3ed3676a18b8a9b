package io.github.keras4j.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format read by keras4j itself, never by ND4J's native parser ({@code createFromNpyPointer}
 * trusts the header: a crafted shape reads past the buffer, a header without its newline makes it scan on,
 * big-endian data hits a native assertion). The header (format 1.0, 2.0 or 3.0) is parsed as the small Python dict
 * NumPy writes, the shape's size is checked against the bytes actually present, and only then are the values read,
 * in either byte order, into a new array. Floats of 4 and 8 bytes, integers of 1, 2, 4 and 8 bytes and booleans
 * (read as the integers 0 and 1) are read, in C or Fortran order. The memory the values need in Java is checked
 * against the heap before it is allocated (a file of bytes becomes an array of longs, eight times as large).
 */
public final class NpyArrays {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy's headers are a few hundred bytes; format 2.0 allows 4 GB, which no array's header needs. */
    private static final int MAX_HEADER_BYTES = 1 << 16;

    private NpyArrays() {
    }

    /**
     * The array a {@code .npy} file's bytes hold.
     *
     * @param what names the array for the errors ("entry 'dense/kernel.npy' of w.npz")
     * @throws IllegalArgumentException naming {@code what} and the problem
     */
    public static INDArray read(byte[] bytes, String what) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException(what + " is not a NumPy array file: it does not start with \\x93NUMPY");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(what + " ends inside its NumPy header");
            }
            headerLength = in.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(what + " is NumPy format " + major + "." + (bytes[7] & 0xff)
                    + ", not 1.0, 2.0 or 3.0");
        }
        if (headerLength > MAX_HEADER_BYTES || headerStart + headerLength > bytes.length) {
            throw new IllegalArgumentException(what + " declares a NumPy header of " + headerLength + " bytes but "
                    + (headerLength > MAX_HEADER_BYTES ? "keras4j reads at most " + MAX_HEADER_BYTES
                    : "holds only " + (bytes.length - headerStart)));
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (!header.endsWith("\n")) {
            throw new IllegalArgumentException(what + ": its NumPy header does not end with a newline");
        }
        Header parsed = Header.parse(header.strip(), what);
        long count = FileLimits.elements(parsed.shape, what);
        int dataStart = (int) (headerStart + headerLength);
        long expected = count * parsed.itemSize;
        long present = bytes.length - (long) dataStart;
        if (present != expected) {
            throw new IllegalArgumentException(what + " declares shape " + Arrays.toString(parsed.shape) + " of "
                    + parsed.descr + " (" + expected + " bytes of data) but holds " + present + " bytes");
        }
        long needed = count * (parsed.floating ? parsed.itemSize : Long.BYTES);
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (needed > free) {
            throw new IllegalArgumentException(what + " declares shape " + Arrays.toString(parsed.shape) + " of "
                    + parsed.descr + ", which needs " + FileLimits.bytes(needed) + " of memory, but only "
                    + FileLimits.bytes(free) + " are free (raise -Xmx)");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) present).slice().order(parsed.order);
        INDArray flat;
        int n = (int) count;
        if (parsed.floating) {
            if (parsed.itemSize == 4) {
                float[] values = new float[n];
                data.asFloatBuffer().get(values);
                flat = Nd4j.createFromArray(values);
            } else {
                double[] values = new double[n];
                data.asDoubleBuffer().get(values);
                flat = Nd4j.createFromArray(values);
            }
        } else {
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (parsed.itemSize) {
                    case 1 -> parsed.bool ? (data.get(i) == 0 ? 0 : 1) : parsed.unsigned ? data.get(i) & 0xff
                            : data.get(i);
                    case 2 -> parsed.unsigned ? data.getShort(2 * i) & 0xffff : data.getShort(2 * i);
                    case 4 -> parsed.unsigned ? data.getInt(4 * i) & 0xffffffffL : data.getInt(4 * i);
                    default -> data.getLong(8 * i);
                };
            }
            flat = Nd4j.createFromArray(values);
        }
        if (parsed.shape.length == 0) {
            return flat.reshape();
        }
        if (count == 0) {
            return Nd4j.create(flat.dataType() == DataType.FLOAT ? DataType.FLOAT : flat.dataType(), parsed.shape);
        }
        return flat.reshape(parsed.fortranOrder ? 'f' : 'c', parsed.shape).dup('c');
    }

    /** The header dict: {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}. */
    private record Header(String descr, boolean floating, boolean unsigned, boolean bool, int itemSize,
            ByteOrder order, boolean fortranOrder, long[] shape) {

        static Header parse(String text, String what) {
            Parser parser = new Parser(text, what);
            parser.expect('{');
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            while (!parser.peek('}')) {
                String key = parser.string();
                parser.expect(':');
                switch (key) {
                    case "descr" -> descr = parser.string();
                    case "fortran_order" -> fortran = parser.bool();
                    case "shape" -> shape = parser.tuple();
                    default -> throw new IllegalArgumentException(what + ": its NumPy header has the unknown key '"
                            + key + "' (expected descr, fortran_order, shape)");
                }
                if (!parser.peek('}')) {
                    parser.expect(',');
                }
            }
            parser.expect('}');
            parser.end();
            if (descr == null || fortran == null || shape == null) {
                throw new IllegalArgumentException(what + ": its NumPy header lacks descr, fortran_order or shape");
            }
            if (descr.length() < 3) {
                throw unsupported(descr, what);
            }
            char byteOrder = descr.charAt(0);
            char kind = descr.charAt(1);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw unsupported(descr, what);
            }
            ByteOrder order = switch (byteOrder) {
                case '<', '|', '=' -> ByteOrder.LITTLE_ENDIAN;
                case '>' -> ByteOrder.BIG_ENDIAN;
                default -> throw unsupported(descr, what);
            };
            boolean floating = kind == 'f' && (size == 4 || size == 8);
            boolean integer = (kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8)
                    && !(kind == 'u' && size == 8);
            boolean bool = kind == 'b' && size == 1;
            if (!floating && !integer && !bool) {
                throw unsupported(descr, what);
            }
            return new Header(descr, floating, kind == 'u', bool, size, order, fortran, shape);
        }

        private static IllegalArgumentException unsupported(String descr, String what) {
            return new IllegalArgumentException(what + " holds NumPy type '" + descr + "'; keras4j reads floats "
                    + "(f4, f8), integers (i1, i2, i4, i8, u1, u2, u4) and booleans (b1)");
        }
    }

    /** Just enough of Python's literal syntax for NumPy's header. */
    private static final class Parser {
        private final String text;
        private final String what;
        private int at;

        Parser(String text, String what) {
            this.text = text;
            this.what = what;
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        boolean peek(char c) {
            skipSpaces();
            return at < text.length() && text.charAt(at) == c;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        void end() {
            skipSpaces();
            if (at != text.length()) {
                throw error("unexpected text after the dict");
            }
        }

        String string() {
            skipSpaces();
            if (at >= text.length() || (text.charAt(at) != '\'' && text.charAt(at) != '"')) {
                throw error("expected a quoted string");
            }
            char quote = text.charAt(at++);
            int end = text.indexOf(quote, at);
            if (end < 0) {
                throw error("a string is not closed");
            }
            String value = text.substring(at, end);
            at = end + 1;
            return value;
        }

        boolean bool() {
            skipSpaces();
            if (text.startsWith("True", at)) {
                at += 4;
                return true;
            }
            if (text.startsWith("False", at)) {
                at += 5;
                return false;
            }
            throw error("expected True or False");
        }

        long[] tuple() {
            expect('(');
            List<Long> values = new ArrayList<>();
            while (!peek(')')) {
                skipSpaces();
                int start = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                if (at == start || at - start > 18) {
                    throw error("expected a size of at most 18 digits in the shape");
                }
                values.add(Long.parseLong(text.substring(start, at)));
                if (values.size() > FileLimits.MAX_RANK) {
                    throw error("the shape has more than " + FileLimits.MAX_RANK + " dimensions");
                }
                skipSpaces();
                if (at < text.length() && text.charAt(at) == 'L') {
                    at++; // Python 2's long literals
                }
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(what + ": its NumPy header is not what NumPy writes (" + problem
                    + " at character " + (at + 1) + ")");
        }
    }
}
