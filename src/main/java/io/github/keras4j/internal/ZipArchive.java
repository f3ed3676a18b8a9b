package io.github.keras4j.internal;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * A zip archive from elsewhere (a keras4j model or weights file, a Keras 3 {@code .keras} file), read with limits:
 * every entry is read through a cap on its inflated size that the caller chooses (a compressed entry of a few bytes
 * may inflate to gigabytes), names given twice are refused (two readers could see two different files), and every
 * failure of the JDK's zip code becomes an {@link IllegalArgumentException} naming the archive and the entry.
 */
public final class ZipArchive implements AutoCloseable {

    /** The most entries an archive keras4j reads may have (a keras4j weights file has two per layer). */
    public static final int MAX_ENTRIES = 100_000;

    private final String name;
    private final ZipFile zip;
    private final List<String> names;

    private ZipArchive(String name, ZipFile zip, List<String> names) {
        this.name = name;
        this.zip = zip;
        this.names = names;
    }

    /**
     * Opens a zip file and lists its entries.
     *
     * @param expected what the caller expected the file to be, for the errors
     */
    public static ZipArchive open(Path file, String expected) {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            throw new IllegalArgumentException(file + " is not a regular file; expected " + expected);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (ZipException | EOFException e) {
            throw broken(file.toString(), expected, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw broken(file.toString(), expected, e);
        }
        try {
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (names.size() >= MAX_ENTRIES) {
                    throw new IllegalArgumentException(file + " has more than " + MAX_ENTRIES + " entries; expected "
                            + expected);
                }
                if (!seen.add(entry.getName())) {
                    throw new IllegalArgumentException(file + " holds the entry '" + entry.getName() + "' twice, "
                            + "which no zip writer does: refused (readers could see two different files)");
                }
                names.add(entry.getName());
            }
            return new ZipArchive(file.toString(), zip, List.copyOf(names));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            // The JDK throws IllegalArgumentException too (an entry name that is not UTF-8): only ours pass as they are.
            throw e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith(file.toString())
                    ? e : broken(file.toString(), expected, e);
        }
    }

    /** The entries' names, in the archive's order. */
    public List<String> names() {
        return names;
    }

    public boolean has(String entry) {
        return names.contains(entry);
    }

    /**
     * The inflated bytes of an entry, at most {@code cap} of them.
     *
     * @throws IllegalArgumentException naming the archive and the entry when it is missing, larger than
     *                                  {@code cap}, or damaged
     */
    public byte[] read(String entry, long cap) {
        ZipEntry found = zip.getEntry(entry);
        if (found == null || !names.contains(entry)) {
            throw new IllegalArgumentException(name + " has no entry '" + entry + "' (entries: " + names + ")");
        }
        String what = "entry '" + entry + "' of " + name;
        try (InputStream in = zip.getInputStream(found)) {
            return FileLimits.readAtMost(in, cap, what);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException mine && String.valueOf(mine.getMessage()).startsWith(what)) {
                throw mine;
            }
            throw new IllegalArgumentException(what + " is damaged: " + describe(e), e);
        }
    }

    /** An entry's inflated bytes as a stream, for copying to a file; the caller caps what it reads. */
    public InputStream stream(String entry) throws IOException {
        ZipEntry found = zip.getEntry(entry);
        if (found == null) {
            throw new IllegalArgumentException(name + " has no entry '" + entry + "'");
        }
        return zip.getInputStream(found);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    /**
     * Every entry of a zip archive held in memory (the DL4J archive inside a keras4j model file), each read through
     * the cap {@code capOf} gives for its name; entries whose cap is 0 are skipped (inflated through a small cap, not
     * kept).
     *
     * @param what names the archive for the errors
     */
    public static Map<String, byte[]> readAll(byte[] archive, ToLongFunction<String> capOf, String what) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entries.size() >= MAX_ENTRIES) {
                    throw new IllegalArgumentException(what + " has more than " + MAX_ENTRIES + " entries");
                }
                if (entries.containsKey(entry.getName())) {
                    throw new IllegalArgumentException(what + " holds the entry '" + entry.getName() + "' twice");
                }
                long cap = capOf.applyAsLong(entry.getName());
                byte[] bytes = FileLimits.readAtMost(zip, cap > 0 ? cap : FileLimits.MAX_JSON_BYTES,
                        "entry '" + entry.getName() + "' of " + what);
                entries.put(entry.getName(), cap > 0 ? bytes : null);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException mine && String.valueOf(mine.getMessage()).contains(what)) {
                throw mine;
            }
            throw new IllegalArgumentException(what + " is not a complete zip archive: " + describe(e), e);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty or not a zip archive");
        }
        return entries;
    }

    private static IllegalArgumentException broken(String file, String expected, Exception e) {
        return new IllegalArgumentException(file + " is not a complete zip archive (" + describe(e) + "); expected "
                + expected, e);
    }

    /** A JDK exception's message in words, without its class name. */
    static String describe(Exception e) {
        String message = e.getMessage();
        if (message != null && message.startsWith("malformed input")) {
            return "an entry's name is not UTF-8 text";
        }
        if (message == null || message.isBlank()) {
            return e instanceof EOFException ? "it ends too early" : "it cannot be read";
        }
        return message;
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // Read-only: nothing is lost.
        }
    }
}
