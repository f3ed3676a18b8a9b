package io.github.keras4j;

import io.github.keras4j.internal.NativeLibraries;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses ND4J's BLAS and native build as keras4j's entry points do, before any test runs. A test that touches ND4J
 * before it builds a model (creating an array) would otherwise start ND4J on its defaults (OpenBLAS), and every later
 * test in that JVM would run on another BLAS than users get, and than a fresh JVM gets: {@code ReproducibilityTest}
 * compares its run with one in a child JVM, whose bits then differ, depending on which tests ran before it.
 */
public final class NativeLibrariesFirst implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeLibraries.configure();
    }
}
