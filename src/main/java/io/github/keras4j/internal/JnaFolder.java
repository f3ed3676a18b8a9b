package io.github.keras4j.internal;

import java.io.File;
import org.bytedeco.javacpp.Loader;

/**
 * Where JNA unpacks its native stub: JavaCPP's cache folder (~/.javacpp/cache/jna), beside ND4J's own native
 * libraries, instead of JNA's default, a {@code jna-<user>} folder under {@code java.io.tmpdir} that it never removes
 * (keras4j leaves no temporary file behind). A {@code jna.tmpdir} the user set stays as it is.
 */
final class JnaFolder {

    static final String PROPERTY = "jna.tmpdir";

    private JnaFolder() {
    }

    /** Points JNA at the cache folder, before JNA's first native call in this JVM. */
    static synchronized void useCache() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            File folder = new File(Loader.getCacheDir(), "jna");
            if (folder.isDirectory() || folder.mkdirs()) {
                System.setProperty(PROPERTY, folder.getPath());
            }
        } catch (java.io.IOException | RuntimeException unavailable) {
            // JNA keeps its own default folder.
        }
    }
}
