package io.github.keras4j.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the native libraries ND4J loads, before ND4J (or anything else built on JavaCPP) starts: the BLAS (Intel
 * MKL where its jars are on the class path, else ND4J's bundled OpenBLAS) and the build of ND4J's own native
 * library (the AVX-512 or AVX2 one where that jar is on the class path and the CPU has its instructions, else the
 * plain x86-64 one). Both are JavaCPP system properties, read once when JavaCPP's {@code Loader} class
 * initializes; {@link #configure()} sets them, unless the user set them, from {@code Backend}'s static initializer,
 * which every keras4j entry point runs before its first ND4J call. docs/performance.md documents the switches.
 */
public final class NativeLibraries {

    /** keras4j's switch between the BLAS libraries: {@code mkl} (the default) or {@code openblas}. */
    public static final String BLAS_PROPERTY = "keras4j.blas";
    /** JavaCPP's OpenBLAS preset loads the library this names instead of OpenBLAS (e.g. {@code mkl_rt}). */
    public static final String JAVACPP_BLAS_PROPERTY = "org.bytedeco.openblas.load";
    /** JavaCPP's choice among a library's builds: the suffix of the platform directory, e.g. {@code -avx2}. */
    public static final String JAVACPP_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The BLAS names {@link #BLAS_PROPERTY} accepts. */
    public static final List<String> BLAS_CHOICES = List.of("mkl", "openblas");
    /**
     * The extension that selects the plain build: JavaCPP tries the extension's directory, finds none, and loads
     * the directory without an extension. (Leaving the property unset would make JavaCPP try every build in the
     * presets' list, the AVX-512 one first, and ND4J exits the JVM when its build needs instructions the CPU lacks.)
     */
    static final String PLAIN_EXTENSION = "-plain";

    /** ND4J's native builds, fastest first, with the CPU flags (Linux's /proc/cpuinfo names) each needs. */
    static final List<NativeBuild> BUILDS = List.of(
            // ND4J's own check for its AVX-512 build (skylake-avx512): avx, avx2, avx512 f/vl/bw/dq/cd.
            new NativeBuild("-avx512", Set.of("avx", "avx2", "fma", "avx512f", "avx512vl", "avx512bw", "avx512dq",
                    "avx512cd")),
            // ND4J's check is avx and avx2; fma comes with every AVX2 CPU and the build may use it.
            new NativeBuild("-avx2", Set.of("avx", "avx2", "fma")),
            new NativeBuild("", Set.of()));

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);
    private static final String MKL_RESOURCE = "org/bytedeco/mkl/%s/libmkl_rt.so.2";
    private static final String ND4J_RESOURCE = "org/nd4j/linalg/cpu/nativecpu/bindings/%s%s/libnd4jcpu.so";

    private static Choice choice;

    private NativeLibraries() {
    }

    /**
     * What {@link #configure()} decided: the BLAS asked for (and why) and ND4J's build (and why). The BLAS that
     * really loaded is ND4J's to say ({@code Backend.blas()}): MKL that fails to load leaves OpenBLAS in its place.
     */
    public record Choice(String blas, String blasReason, String nativeBuild, String nativeBuildReason) {
    }

    /**
     * Sets JavaCPP's properties for the BLAS and ND4J's build, once per JVM, unless the user set them. Must run
     * before JavaCPP's {@code Loader} class initializes (it reads the properties then); later it changes nothing.
     *
     * @throws IllegalArgumentException when {@value #BLAS_PROPERTY} names no BLAS keras4j knows
     */
    public static synchronized Choice configure() {
        if (choice == null) {
            IdleThreads.configure();
            String platform = platform();
            ClassLoader loader = NativeLibraries.class.getClassLoader();
            Predicate<String> onClassPath = resource -> loader.getResource(resource) != null;
            String[] blas = chooseBlas(System.getProperty(BLAS_PROPERTY), System.getProperty(JAVACPP_BLAS_PROPERTY),
                    mklPresent());
            if (blas[2] != null) {
                System.setProperty(JAVACPP_BLAS_PROPERTY, blas[2]);
            }
            String[] build = chooseBuild(System.getProperty(JAVACPP_EXTENSION_PROPERTY), platform, cpuFlags(),
                    extension -> onClassPath.test(String.format(Locale.ROOT, ND4J_RESOURCE, platform, extension)));
            if (build[2] != null) {
                System.setProperty(JAVACPP_EXTENSION_PROPERTY, build[2]);
            }
            choice = new Choice(blas[0], blas[1], build[0], build[1]);
        }
        return choice;
    }

    /**
     * {@code Backend.setBlas}: asks JavaCPP for another BLAS, which works only while the BLAS is not loaded yet.
     *
     * @throws IllegalArgumentException for a name not in {@link #BLAS_CHOICES}
     * @throws IllegalStateException when ND4J's BLAS is already loaded
     */
    public static synchronized void chooseBlasBeforeStart(String name) {
        configure();
        String[] blas = chooseBlas(name, null, mklPresent());
        String loaded = loadedLibrary("openblas");
        if (loaded != null) {
            throw new IllegalStateException("ND4J's BLAS is already loaded (" + loaded + "): choose the BLAS before "
                    + "the first model or array, or with -D" + BLAS_PROPERTY + "=" + name);
        }
        if (blas[2] == null) {
            System.clearProperty(JAVACPP_BLAS_PROPERTY);
        } else {
            System.setProperty(JAVACPP_BLAS_PROPERTY, blas[2]);
        }
        choice = new Choice(blas[0], "Backend.setBlas(\"" + name + "\")" + (blas[0].equals(name) ? "" : ": " + blas[1]),
                choice.nativeBuild(), choice.nativeBuildReason());
    }

    /** The platform directory ND4J's native library was loaded from, e.g. {@code linux-x86_64-avx2}. */
    public static String loadedNativeBuild() {
        String path = loadedLibrary("jnind4jcpu");
        if (path == null) {
            throw new IllegalStateException("ND4J's native library is not loaded");
        }
        Path directory = Path.of(path).getParent();
        return directory == null ? path : directory.getFileName().toString();
    }

    /** The file of the loaded JavaCPP library whose name contains {@code name}, or null. */
    static String loadedLibrary(String name) {
        for (Map.Entry<String, String> library : Loader.getLoadedLibraries().entrySet()) {
            if (library.getKey().contains(name) && library.getValue() != null) {
                return library.getValue();
            }
        }
        return null;
    }

    private static boolean mklPresent() {
        return NativeLibraries.class.getClassLoader().getResource(String.format(Locale.ROOT, MKL_RESOURCE,
                platform())) != null;
    }

    /**
     * The BLAS to ask JavaCPP for: {blas, reason, value for {@value #JAVACPP_BLAS_PROPERTY} or null to leave it}.
     *
     * @param requested {@value #BLAS_PROPERTY}, or null
     * @param javacppSetting {@value #JAVACPP_BLAS_PROPERTY} as the user set it, or null
     * @param mklPresent whether MKL's native libraries for this platform are on the class path
     */
    static String[] chooseBlas(String requested, String javacppSetting, boolean mklPresent) {
        if (requested != null && !BLAS_CHOICES.contains(requested.strip().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("unknown BLAS '" + requested + "' in the system property "
                    + BLAS_PROPERTY + "; valid: " + String.join(", ", BLAS_CHOICES));
        }
        if (javacppSetting != null && !javacppSetting.isBlank()) {
            if (requested != null) {
                throw new IllegalArgumentException("both " + BLAS_PROPERTY + "=" + requested + " and "
                        + JAVACPP_BLAS_PROPERTY + "=" + javacppSetting + " are set; set one of them");
            }
            String name = javacppSetting.strip().toLowerCase(Locale.ROOT).startsWith("mkl") ? "mkl" : javacppSetting;
            return new String[] {name, JAVACPP_BLAS_PROPERTY + "=" + javacppSetting + " (set by the user)", null};
        }
        String name = requested == null ? "mkl" : requested.strip().toLowerCase(Locale.ROOT);
        if (name.equals("openblas")) {
            return new String[] {"openblas", BLAS_PROPERTY + "=openblas", null};
        }
        if (!mklPresent) {
            return new String[] {"openblas", "MKL's native libraries (org.bytedeco:mkl, classifier "
                    + platform() + "-redist) are not on the class path", null};
        }
        return new String[] {"mkl", requested == null ? "the default" : BLAS_PROPERTY + "=mkl", "mkl_rt"};
    }

    /**
     * ND4J's build to ask JavaCPP for: {build's platform directory, reason, value for
     * {@value #JAVACPP_EXTENSION_PROPERTY} or null to leave it}. The first of {@link #BUILDS} whose jar is on the
     * class path and whose instructions the CPU has; the plain build otherwise.
     *
     * @param javacppSetting {@value #JAVACPP_EXTENSION_PROPERTY} as the user set it, or null
     * @param cpuFlags the CPU's feature flags; empty where they cannot be read (then only the plain build qualifies)
     * @param buildPresent whether ND4J's native library with that extension is on the class path
     */
    static String[] chooseBuild(String javacppSetting, String platform, Set<String> cpuFlags,
            Predicate<String> buildPresent) {
        if (javacppSetting != null) {
            return new String[] {platform + javacppSetting, JAVACPP_EXTENSION_PROPERTY + "=" + javacppSetting
                    + " (set by the user)", null};
        }
        for (NativeBuild build : BUILDS) {
            if (build.extension().isEmpty()) {
                break;
            }
            if (!buildPresent.test(build.extension())) {
                continue;
            }
            Set<String> missing = new TreeSet<>(build.cpuFlags());
            missing.removeAll(cpuFlags);
            if (missing.isEmpty()) {
                return new String[] {platform + build.extension(), "the CPU has " + String.join(", ",
                        new TreeSet<>(build.cpuFlags())), build.extension()};
            }
            LOG.debug("not loading ND4J's {}{} build: the CPU lacks {}", platform, build.extension(), missing);
        }
        boolean otherBuildPresent = BUILDS.stream().anyMatch(b -> !b.extension().isEmpty()
                && buildPresent.test(b.extension()));
        return new String[] {platform, otherBuildPresent ? "the CPU lacks the instructions of the other builds on the "
                + "class path" : "no other build is on the class path", otherBuildPresent ? PLAIN_EXTENSION : null};
    }

    /** The CPU's feature flags from /proc/cpuinfo (Linux); empty where they cannot be read. */
    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return Set.copyOf(Arrays.asList(line.substring(line.indexOf(':') + 1).strip().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read the CPU's flags: {}", e.toString());
        }
        return Set.of();
    }

    /**
     * JavaCPP's platform name, e.g. {@code linux-x86_64}. {@code Loader.Detector} is a nested class: using it does
     * not initialize {@code Loader}, which would fix JavaCPP's properties before they are set.
     */
    static String platform() {
        return Loader.Detector.getPlatform();
    }

    /** One of ND4J's native builds: its platform-directory suffix and the CPU flags it needs. */
    record NativeBuild(String extension, Set<String> cpuFlags) {
    }
}
