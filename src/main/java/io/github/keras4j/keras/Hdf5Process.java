package io.github.keras4j.keras;

import io.github.keras4j.internal.FileLimits;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;

/**
 * keras4j's side of the HDF5 helper process ({@link Hdf5Helper}): one helper per JVM, started when the first HDF5
 * file is opened, answering one request at a time with a time limit per request. A request that overruns its limit
 * (the HDF5 library looping on a damaged file) or a helper that dies (the library crashing) ends in an
 * {@link IllegalArgumentException} naming the file and what was read; the helper is killed and the next file gets
 * a new one.
 */
final class Hdf5Process {

    /** Seconds a read may take before the file counts as hanging (plus a second per 16 MB of a dataset). */
    static final String TIMEOUT_PROPERTY = "keras4j.hdf5.timeoutSeconds";
    private static final long DEFAULT_TIMEOUT_SECONDS = 5;
    private static final long BYTES_PER_SECOND = 16L << 20;
    /** Starting a JVM and loading the HDF5 library: seconds on a quiet machine, much longer on a loaded one. */
    private static final long START_LIMIT_MILLIS = 60_000;
    private static final int STDERR_TAIL_CHARACTERS = 2_000;

    private static final Object LOCK = new Object();
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "keras4j-hdf5-timer");
        thread.setDaemon(true);
        return thread;
    });
    /** The running helper, or null; guarded by LOCK. */
    private static Hdf5Process helper;

    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream answers;
    private final StringBuilder stderrTail = new StringBuilder();
    private volatile boolean overran;
    private volatile boolean stopped;

    private Hdf5Process(Process process) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.answers = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        Thread drain = new Thread(this::drainStderr, "keras4j-hdf5-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** Opens {@code path} in the helper (started first when none runs). */
    static H5Access open(Path path, String expected) {
        synchronized (LOCK) {
            if (helper == null || helper.stopped || !helper.process.isAlive()) {
                helper = start();
            }
            Hdf5Process opened = helper;
            String absolute = path.toAbsolutePath().toString();
            long id = opened.call(path, "the file", limitMillis(0), out -> {
                out.writeByte(Hdf5Wire.OPEN);
                out.writeLong(limitMillis(0));
                Hdf5Wire.writeText(out, absolute);
                Hdf5Wire.writeText(out, expected);
            }, DataInputStream::readLong);
            return opened.new RemoteFile(path, id);
        }
    }

    /** The running helper's process, if one runs (for tests). */
    static Optional<ProcessHandle> running() {
        synchronized (LOCK) {
            return helper == null || helper.stopped ? Optional.empty()
                    : Optional.of(helper.process.toHandle());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the process

    private static Hdf5Process start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-XX:-CreateCoredumpOnCrash", "-Djava.awt.headless=true",
                // The helper copies datasets through native memory as large as this JVM allows its own to be.
                "-Dorg.bytedeco.javacpp.maxBytes=" + Pointer.maxBytes(), "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"));
        if (Files.exists(Path.of("/dev/null"))) {
            // A crashing helper writes no hs_err file into the user's folder: the crash is the file's, reported as such.
            command.add("-XX:ErrorFile=/dev/null");
        }
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(name -> name.startsWith("org.bytedeco.javacpp.") && !name.endsWith("maxBytes")
                        && !name.endsWith("maxPhysicalBytes"))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Hdf5Helper.class.getName()));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw cannotStart("cannot run " + command.get(0) + ": " + e.getMessage());
        }
        Hdf5Process started = new Hdf5Process(process);
        // The helper ends when its standard input closes; waiting for it here leaves no process behind this JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }, "keras4j-hdf5-helper-exit"));
        ScheduledFuture<?> timer = TIMERS.schedule(process::destroyForcibly, START_LIMIT_MILLIS,
                TimeUnit.MILLISECONDS);
        try {
            int first = started.answers.readInt();
            if (first == Hdf5Wire.READY) {
                return started;
            }
            String reason = first == Hdf5Wire.ANSWER && started.answers.readByte() == Hdf5Wire.FAILURE
                    ? Hdf5Wire.readText(started.answers, 1 << 16) : "it answered something else";
            started.stop();
            throw cannotStart(reason);
        } catch (IOException e) {
            started.stop();
            throw cannotStart(process.isAlive() ? "it did not start within " + START_LIMIT_MILLIS / 1000 + " s"
                    : "it ended with exit code " + exitCode(process) + started.stderrLastLine());
        } finally {
            timer.cancel(false);
        }
    }

    private static IllegalStateException cannotStart(String reason) {
        return new IllegalStateException("keras4j reads HDF5 files in a helper process, which could not be started ("
                + reason + "); to read trusted files inside this JVM instead, set -D" + KerasH5File.IN_PROCESS_PROPERTY
                + "=true");
    }

    private void stop() {
        stopped = true;
        process.destroyForcibly();
    }

    private static int exitCode(Process process) {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void drainStderr() {
        try (InputStream err = process.getErrorStream()) {
            byte[] buffer = new byte[4096];
            for (int read = err.read(buffer); read >= 0; read = err.read(buffer)) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL_CHARACTERS) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_CHARACTERS);
                    }
                }
            }
        } catch (IOException ended) {
            // The helper is gone; what it printed is kept.
        }
    }

    private String stderrLastLine() {
        synchronized (stderrTail) {
            String[] lines = stderrTail.toString().strip().split("\\R");
            return lines[lines.length - 1].isEmpty() ? "" : ": " + lines[lines.length - 1];
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // requests

    private interface Request {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Answer<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** How long a request may take: the base limit plus a second per 16 MB of data it moves. */
    static long limitMillis(long bytes) {
        long seconds = DEFAULT_TIMEOUT_SECONDS;
        String configured = System.getProperty(TIMEOUT_PROPERTY);
        if (configured != null) {
            try {
                seconds = Long.parseLong(configured.strip());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 1 || seconds > 86_400) {
                throw new IllegalStateException("-D" + TIMEOUT_PROPERTY + "=" + configured + " must be a whole "
                        + "number of seconds from 1 to 86400");
            }
        }
        return seconds * 1000 + bytes / (BYTES_PER_SECOND / 1000);
    }

    /**
     * Sends one request and reads its answer within the limit. The helper's own errors about the file come back as
     * they were; an overrun or a dead helper becomes an error naming the file and {@code what} was read.
     */
    private <T> T call(Path file, String what, long limitMillis, Request request, Answer<T> answer) {
        if (stopped) {
            throw new IllegalArgumentException(file + ": cannot read " + what + ": keras4j's HDF5 reader was stopped "
                    + "while this file was open (another file hung or crashed it); open the file again");
        }
        if (!process.isAlive()) {
            stop();
            throw new IllegalArgumentException(file + ": cannot read " + what + ": keras4j's HDF5 reader ended (exit "
                    + "code " + exitCode(process) + ") while this file was open; open the file again");
        }
        overran = false;
        ScheduledFuture<?> timer = TIMERS.schedule(() -> {
            overran = true;
            stop();
        }, limitMillis, TimeUnit.MILLISECONDS);
        try {
            request.write(requests);
            requests.flush();
            if (answers.readInt() != Hdf5Wire.ANSWER) {
                throw new IOException("an answer that does not start as one");
            }
            byte status = answers.readByte();
            if (status == Hdf5Wire.OK) {
                return answer.read(answers);
            }
            String message = Hdf5Wire.readText(answers, 1 << 20);
            if (status == Hdf5Wire.FILE_ERROR) {
                throw new IllegalArgumentException(message);
            }
            throw new IllegalStateException(file + ": keras4j's HDF5 reader failed reading " + what + ": " + message);
        } catch (IOException e) {
            stop();
            if (overran) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the HDF5 library did not finish "
                        + "reading %s within %.0f s (the file is damaged: HDF5 loops forever on some damaged "
                        + "structures), so keras4j stopped it; on a very slow disk raise -D%s", file, what,
                        limitMillis / 1000.0, TIMEOUT_PROPERTY), e);
            }
            if (!(e instanceof EOFException) && process.isAlive()) {
                throw new IllegalStateException(file + ": keras4j's HDF5 reader answered wrongly reading " + what
                        + " (" + e.getMessage() + ")", e);
            }
            throw new IllegalArgumentException(file + ": the HDF5 library crashed reading " + what + " (its process "
                    + "ended with exit code " + exitCode(process) + "): the file is damaged", e);
        } finally {
            timer.cancel(false);
        }
    }

    /** A file open in this helper. */
    private final class RemoteFile implements H5Access {
        private final Path path;
        private final long id;
        private boolean closed;

        RemoteFile(Path path, long id) {
            this.path = path;
            this.id = id;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public void close() {
            synchronized (LOCK) {
                if (closed || stopped) {
                    return;
                }
                closed = true;
                call(path, "the file", limitMillis(0), out -> header(out, Hdf5Wire.CLOSE, 0), in -> null);
            }
        }

        @Override
        public boolean exists(String objectPath) {
            return ask(Hdf5Wire.EXISTS, objectPath, null, DataInputStream::readBoolean);
        }

        @Override
        public int objectKind(String objectPath) {
            return ask(Hdf5Wire.KIND, objectPath, null, DataInputStream::readInt);
        }

        @Override
        public List<String> members(String groupPath) {
            return ask(Hdf5Wire.MEMBERS, groupPath, null, in -> Hdf5Wire.readTexts(in, MAX_MEMBERS));
        }

        @Override
        public boolean hasAttribute(String objectPath, String attribute) {
            return ask(Hdf5Wire.HAS_ATTRIBUTE, objectPath, attribute, DataInputStream::readBoolean);
        }

        @Override
        public List<String> stringsAttribute(String objectPath, String attribute) {
            return ask(Hdf5Wire.STRINGS, objectPath, attribute, in -> Hdf5Wire.readTexts(in, MAX_STRINGS));
        }

        @Override
        public long[] datasetShape(String datasetPath) {
            return ask(Hdf5Wire.SHAPE, datasetPath, null, in -> {
                long[] shape = Hdf5Wire.readShape(in);
                if (shape == null) {
                    throw new IOException("no shape");
                }
                return shape;
            });
        }

        @Override
        public H5Array dataset(String datasetPath, long[] expectedShape) {
            long[] shape = expectedShape != null ? expectedShape : datasetShape(datasetPath);
            long bytes = Math.multiplyExact(FileLimits.elements(shape, path + ": dataset '" + datasetPath + "'"),
                    (long) Double.BYTES);
            synchronized (LOCK) {
                String what = "dataset '" + datasetPath + "'";
                return call(path, what, limitMillis(bytes), out -> {
                    header(out, Hdf5Wire.DATASET, bytes);
                    Hdf5Wire.writeText(out, datasetPath);
                    Hdf5Wire.writeShape(out, shape);
                }, in -> readArray(in, shape));
            }
        }

        private <T> T ask(byte operation, String objectPath, String attribute, Answer<T> answer) {
            synchronized (LOCK) {
                String what = attribute != null ? "attribute " + attribute + " of " + display(objectPath)
                        : display(objectPath);
                return call(path, what, limitMillis(0), out -> {
                    header(out, operation, 0);
                    Hdf5Wire.writeText(out, objectPath);
                    if (attribute != null) {
                        Hdf5Wire.writeText(out, attribute);
                    }
                }, answer);
            }
        }

        private void header(DataOutputStream out, byte operation, long bytes) throws IOException {
            if (closed && operation != Hdf5Wire.CLOSE) {
                throw new IllegalStateException(path + " is closed");
            }
            out.writeByte(operation);
            out.writeLong(limitMillis(bytes));
            out.writeLong(id);
        }
    }

    /** A dataset's answer: its kind, its shape (the one asked for) and exactly the bytes that shape needs. */
    private static H5Array readArray(DataInputStream in, long[] expectedShape) throws IOException {
        byte kind = in.readByte();
        long[] shape = Hdf5Wire.readShape(in);
        if (shape == null || !Arrays.equals(shape, expectedShape)) {
            throw new IOException("a dataset of shape " + Arrays.toString(shape) + " where "
                    + Arrays.toString(expectedShape) + " was asked for");
        }
        int length = (int) FileLimits.elements(shape, "a dataset");
        byte[] chunk = new byte[1 << 20];
        if (kind == H5Array.FLOAT) {
            float[] values = new float[length];
            for (int done = 0; done < length; ) {
                int count = Math.min(chunk.length / Float.BYTES, length - done);
                in.readFully(chunk, 0, count * Float.BYTES);
                ByteBuffer.wrap(chunk).order(ByteOrder.nativeOrder()).asFloatBuffer().get(values, done, count);
                done += count;
            }
            return new H5Array(shape, values);
        }
        if (kind == H5Array.DOUBLE) {
            double[] values = new double[length];
            for (int done = 0; done < length; ) {
                int count = Math.min(chunk.length / Double.BYTES, length - done);
                in.readFully(chunk, 0, count * Double.BYTES);
                ByteBuffer.wrap(chunk).order(ByteOrder.nativeOrder()).asDoubleBuffer().get(values, done, count);
                done += count;
            }
            return new H5Array(shape, values);
        }
        if (kind == H5Array.LONG) {
            long[] values = new long[length];
            for (int done = 0; done < length; ) {
                int count = Math.min(chunk.length / Long.BYTES, length - done);
                in.readFully(chunk, 0, count * Long.BYTES);
                ByteBuffer.wrap(chunk).order(ByteOrder.nativeOrder()).asLongBuffer().get(values, done, count);
                done += count;
            }
            return new H5Array(shape, values);
        }
        throw new IOException("values of kind " + kind);
    }

    private static String display(String objectPath) {
        return objectPath.isEmpty() || objectPath.equals("/") ? "the file's root" : "'" + objectPath + "'";
    }
}
