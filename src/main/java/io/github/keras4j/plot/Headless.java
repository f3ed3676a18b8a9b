package io.github.keras4j.plot;

/**
 * Puts AWT in headless mode before any plotting class touches it: plots are rendered to files on servers and in
 * CI, where no display exists, and a headful AWT would fail or open a connection to one. A value the user set
 * on the command line ({@code -Djava.awt.headless=false}) is kept.
 */
final class Headless {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Headless() {
    }

    /** Loads this class, which runs the static block above once; call it from the static block of every entry class. */
    static void ensure() {
        // The work is done by the static initializer; this method exists to trigger it.
    }
}
