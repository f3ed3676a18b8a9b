package io.github.keras4j.keras;

import io.github.keras4j.internal.FileLimits;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages between keras4j and its HDF5 helper process ({@link Hdf5Process}, {@link Hdf5Helper}) over the
 * helper's standard input and output. A request is an operation code, the time it may take (milliseconds) and its
 * arguments; an answer is {@link #ANSWER}, a status and its value. Texts are a length and UTF-8 bytes. Whoever reads
 * checks every length before allocating for it: the helper reads hostile files, so its answers are checked too.
 */
final class Hdf5Wire {

    /** What the helper writes once the HDF5 library is loaded, and what begins every answer. */
    static final int READY = 0x4B344835;
    static final int ANSWER = 0x4B344831;

    static final byte OPEN = 1;
    static final byte CLOSE = 2;
    static final byte EXISTS = 3;
    static final byte KIND = 4;
    static final byte MEMBERS = 5;
    static final byte HAS_ATTRIBUTE = 6;
    static final byte STRINGS = 7;
    static final byte SHAPE = 8;
    static final byte DATASET = 9;

    /** The answer's value follows. */
    static final byte OK = 0;
    /** A text follows: the file is broken ({@link IllegalArgumentException}'s message, naming the file). */
    static final byte FILE_ERROR = 1;
    /** A text follows: the helper failed in a way that is not the file's fault. */
    static final byte FAILURE = 2;

    /** The most bytes all strings of one answer may hold (a group's member names, an attribute's strings). */
    static final long MAX_LIST_BYTES = 4 * FileLimits.MAX_JSON_BYTES;

    private Hdf5Wire() {
    }

    static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readText(DataInputStream in, long maxBytes) throws IOException {
        return new String(readBytes(in, maxBytes), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in, long maxBytes) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > maxBytes) {
            throw new IOException("a text of " + length + " bytes, more than " + maxBytes);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    static void writeTexts(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            writeText(out, text);
        }
    }

    static List<String> readTexts(DataInputStream in, long maxCount) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > maxCount) {
            throw new IOException(count + " texts, more than " + maxCount);
        }
        List<String> texts = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < count; i++) {
            byte[] text = readBytes(in, Math.min(FileLimits.MAX_JSON_BYTES, MAX_LIST_BYTES - total));
            total += text.length;
            texts.add(new String(text, StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** A shape; null is written as rank -1. */
    static void writeShape(DataOutputStream out, long[] shape) throws IOException {
        out.writeInt(shape == null ? -1 : shape.length);
        if (shape != null) {
            for (long dimension : shape) {
                out.writeLong(dimension);
            }
        }
    }

    static long[] readShape(DataInputStream in) throws IOException {
        int rank = in.readInt();
        if (rank == -1) {
            return null;
        }
        if (rank < 0 || rank > FileLimits.MAX_RANK) {
            throw new IOException("a shape of rank " + rank);
        }
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readLong();
            if (shape[i] < 0) {
                throw new IOException("a shape with dimension " + shape[i]);
            }
        }
        return shape;
    }
}
