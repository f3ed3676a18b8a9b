package io.github.keras4j.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one way keras4j writes a file: into a new temporary file beside the target (a unique name, created
 * exclusively, so that no link planted there is followed), forced to the disk, then renamed over the target, and
 * the folder's entry forced too. A crash at any moment leaves either the old file or the new one, never half a
 * file; a failed write deletes its temporary file. Every writer (models, weights, checkpoints, History and CSV logs,
 * predictions, converted files, pictures) goes through here.
 */
public final class AtomicFiles {

    /** The temporary files' suffix: {@code .<target name>.<random>.tmp}. */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes the bytes a content writes to its stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} atomically.
     *
     * @throws UncheckedIOException naming the file when it cannot be written (the old file is then untouched)
     */
    public static void write(Path file, Content content) {
        write(file, content, true);
    }

    /**
     * Writes {@code file} atomically; {@code force} false skips forcing the data to the disk (a crash of the process
     * still leaves the old file or the new one; a power failure may leave the old one). For files rewritten often,
     * such as a log rewritten every epoch, between forced writes.
     */
    public static void write(Path file, Content content, boolean force) {
        Path target = file.toAbsolutePath().normalize();
        Path folder = target.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": cannot create its folder " + folder + " ("
                    + e.getMessage() + ")", e);
        }
        if (Files.isDirectory(target)) {
            throw new UncheckedIOException("cannot write " + file + ": it is a folder", new IOException(file.toString()));
        }
        Path temporary = temporaryFor(target);
        try {
            // Not Files.createTempFile: it makes the file owner-only (0600), and the target would keep that mode.
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new NonClosing(out));
                out.flush();
                if (force) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (force) {
                forceFolder(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // The write itself succeeded or its error is being reported; the leftover is named after the target.
            }
        }
    }

    /** Writes {@code text} as UTF-8, atomically. */
    public static void writeString(Path file, String text) {
        writeString(file, text, true);
    }

    /** Writes {@code text} as UTF-8, atomically, forced to the disk or not (see {@link #write(Path, Content, boolean)}). */
    public static void writeString(Path file, String text, boolean force) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes), force);
    }

    /** Whether {@code file} is a temporary file this class writes (for tests and clean-ups). */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX);
    }

    private static Path temporaryFor(Path target) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String name = target.getFileName().toString();
        // A file name has at most 255 bytes on most file systems: keep the target's name short enough to fit.
        String prefix = name.length() > 200 ? name.substring(0, 200) : name;
        return target.resolveSibling("." + prefix + "." + HexFormat.of().formatHex(random) + TEMPORARY_SUFFIX);
    }

    /** Forces the folder's entry (the rename) to the disk; file systems that cannot open folders are left alone. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open a folder as a channel; the rename is still atomic there.
        }
    }

    /** The content writer may close its stream (a ZipOutputStream does); the channel is closed here, once. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
