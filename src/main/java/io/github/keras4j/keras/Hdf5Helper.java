package io.github.keras4j.keras;

import io.github.keras4j.internal.FileLimits;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;

/**
 * The HDF5 helper process: reads HDF5 files for the keras4j JVM that started it ({@link Hdf5Process}), answering its
 * requests ({@link Hdf5Wire}) on standard output until standard input ends. The HDF5 C library runs only here, so a
 * damaged file that makes it loop forever or crash takes this process down, not keras4j. Not an API: keras4j starts
 * it ({@code java -cp ... io.github.keras4j.keras.Hdf5Helper}).
 */
public final class Hdf5Helper {

    /** How long past a request's own time limit this process waits before ending itself, if keras4j has not. */
    private static final long GRACE_MILLIS = 5_000;
    private static final int CHUNK_BYTES = 1 << 20;

    /** When the request being answered must be done (System.nanoTime), or 0 between requests. */
    private static volatile long deadline;

    private final DataInputStream in;
    private final DataOutputStream out;
    private final Map<Long, NativeH5File> files = new HashMap<>();
    private long nextFile = 1;

    private Hdf5Helper(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in),
                1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                1 << 16));
        // Standard output carries the answers: whatever Java code prints goes to standard error instead.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        startWatchdog();
        try {
            NativeH5File.initialize();
        } catch (RuntimeException | LinkageError e) {
            out.writeInt(Hdf5Wire.ANSWER);
            out.writeByte(Hdf5Wire.FAILURE);
            Hdf5Wire.writeText(out, String.valueOf(e.getMessage()));
            out.flush();
            System.exit(2);
        }
        out.writeInt(Hdf5Wire.READY);
        out.flush();
        new Hdf5Helper(in, out).serve();
        System.exit(0);
    }

    /**
     * Ends this process when a request runs far past its time limit: keras4j kills a helper that overruns, so this
     * matters only when keras4j itself is gone or stuck while the HDF5 library loops.
     */
    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            while (true) {
                long due = deadline;
                if (due != 0 && System.nanoTime() - due > 0) {
                    Runtime.getRuntime().halt(3);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "hdf5-helper-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void serve() throws IOException {
        for (int operation = in.read(); operation >= 0; operation = in.read()) {
            long limitMillis = in.readLong();
            deadline = System.nanoTime() + (Math.max(0, limitMillis) + GRACE_MILLIS) * 1_000_000;
            answer((byte) operation);
            out.flush();
            deadline = 0;
        }
        for (NativeH5File file : files.values()) {
            file.close();
        }
    }

    /** Reads the request's arguments, then answers it; a request's failure is its answer. */
    private void answer(byte operation) throws IOException {
        Request request = new Request(operation, in);
        try {
            request.run(this);
        } catch (IllegalArgumentException e) {
            out.writeInt(Hdf5Wire.ANSWER);
            out.writeByte(Hdf5Wire.FILE_ERROR);
            Hdf5Wire.writeText(out, String.valueOf(e.getMessage()));
        } catch (OutOfMemoryError e) {
            out.writeInt(Hdf5Wire.ANSWER);
            out.writeByte(Hdf5Wire.FILE_ERROR);
            NativeH5File h5 = files.get(request.file);
            Hdf5Wire.writeText(out, (h5 != null ? h5.path().toString() : request.path) + ": reading " + request.what()
                    + " needs more memory than keras4j's "
                    + "HDF5 reader has (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB): the file is damaged");
        } catch (RuntimeException | Error e) {
            out.writeInt(Hdf5Wire.ANSWER);
            out.writeByte(Hdf5Wire.FAILURE);
            Hdf5Wire.writeText(out, e.toString());
        }
    }

    /** One request with its arguments, read in full before it runs so that a failure leaves the stream in step. */
    private static final class Request {
        final byte operation;
        long file;
        String path;
        String objectPath;
        String attribute;
        long[] shape;

        Request(byte operation, DataInputStream in) throws IOException {
            this.operation = operation;
            if (operation == Hdf5Wire.OPEN) {
                path = Hdf5Wire.readText(in, FileLimits.MAX_JSON_BYTES);
                attribute = Hdf5Wire.readText(in, FileLimits.MAX_JSON_BYTES);
                return;
            }
            file = in.readLong();
            if (operation != Hdf5Wire.CLOSE) {
                objectPath = Hdf5Wire.readText(in, FileLimits.MAX_JSON_BYTES);
            }
            if (operation == Hdf5Wire.HAS_ATTRIBUTE || operation == Hdf5Wire.STRINGS) {
                attribute = Hdf5Wire.readText(in, FileLimits.MAX_JSON_BYTES);
            }
            if (operation == Hdf5Wire.DATASET) {
                shape = Hdf5Wire.readShape(in);
            }
        }

        String what() {
            return attribute != null ? "attribute " + attribute : objectPath != null ? "'" + objectPath + "'"
                    : "the file";
        }

        void run(Hdf5Helper helper) throws IOException {
            DataOutputStream out = helper.out;
            if (operation == Hdf5Wire.OPEN) {
                NativeH5File opened = NativeH5File.open(Path.of(path), attribute);
                long id = helper.nextFile++;
                helper.files.put(id, opened);
                ok(out).writeLong(id);
                return;
            }
            NativeH5File h5 = helper.files.get(file);
            if (h5 == null) {
                throw new IllegalStateException("no open file " + file);
            }
            switch (operation) {
                case Hdf5Wire.CLOSE -> {
                    helper.files.remove(file).close();
                    ok(out);
                }
                case Hdf5Wire.EXISTS -> {
                    boolean exists = h5.exists(objectPath);
                    ok(out).writeBoolean(exists);
                }
                case Hdf5Wire.KIND -> {
                    int kind = h5.objectKind(objectPath);
                    ok(out).writeInt(kind);
                }
                case Hdf5Wire.MEMBERS -> {
                    var members = h5.members(objectPath);
                    Hdf5Wire.writeTexts(ok(out), members);
                }
                case Hdf5Wire.HAS_ATTRIBUTE -> {
                    boolean has = h5.hasAttribute(objectPath, attribute);
                    ok(out).writeBoolean(has);
                }
                case Hdf5Wire.STRINGS -> {
                    var strings = h5.stringsAttribute(objectPath, attribute);
                    Hdf5Wire.writeTexts(ok(out), strings);
                }
                case Hdf5Wire.SHAPE -> {
                    long[] datasetShape = h5.datasetShape(objectPath);
                    Hdf5Wire.writeShape(ok(out), datasetShape);
                }
                case Hdf5Wire.DATASET -> {
                    try (NativeH5File.NativeValues values = h5.read(objectPath, shape)) {
                        ok(out).writeByte(values.kind());
                        Hdf5Wire.writeShape(out, values.shape());
                        writeBytes(out, new BytePointer(values.data()), values.bytes());
                    }
                }
                default -> throw new IllegalStateException("unknown request " + operation);
            }
        }

        private static DataOutputStream ok(DataOutputStream out) throws IOException {
            out.writeInt(Hdf5Wire.ANSWER);
            out.writeByte(Hdf5Wire.OK);
            return out;
        }

        /** Native memory to the stream in chunks, in the machine's byte order (both processes run on it). */
        private static void writeBytes(DataOutputStream out, BytePointer data, long bytes) throws IOException {
            byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(1, bytes))];
            for (long done = 0; done < bytes; ) {
                int length = (int) Math.min(chunk.length, bytes - done);
                data.position(done).get(chunk, 0, length);
                out.write(chunk, 0, length);
                done += length;
            }
        }
    }
}
