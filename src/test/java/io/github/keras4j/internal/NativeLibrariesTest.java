package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.Backend;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * keras4j's choice of ND4J's native libraries: MKL as the BLAS where its jar is present (OpenBLAS otherwise or
 * when asked for), ND4J's fastest build the CPU can run. The choices are pure functions tested here on made-up
 * CPUs and class paths; child JVMs check that ND4J really loads what was chosen, falls back without MKL's jar, and
 * keeps running with the AVX-512 build on the class path of a CPU without AVX-512 (where ND4J's own choice would
 * exit the JVM). The AVX-512 jar is copied to target/native-builds by the build for this test only.
 */
class NativeLibrariesTest {

    private static final Set<String> ZEN3 = Set.of("sse2", "avx", "avx2", "fma", "bmi2");
    private static final Set<String> SKYLAKE_X = Set.of("sse2", "avx", "avx2", "fma", "avx512f", "avx512vl",
            "avx512bw", "avx512dq", "avx512cd");
    private static final Path NATIVE_BUILDS = Path.of("target", "native-builds");

    @Test
    void mklIsTheDefaultWhereItsJarIsPresent() {
        assertArrayEquals(new String[] {"mkl", "the default", "mkl_rt"}, NativeLibraries.chooseBlas(null, null, true));
        assertEquals("mkl_rt", NativeLibraries.chooseBlas("mkl", null, true)[2]);
    }

    @Test
    void withoutMklsJarOpenBlasIsUsedAndTheReasonSaysWhy() {
        String[] blas = NativeLibraries.chooseBlas(null, null, false);
        assertEquals("openblas", blas[0]);
        assertTrue(blas[1].contains("not on the class path"), blas[1]);
        assertNull(blas[2], "JavaCPP's property stays unset: OpenBLAS is its default");
    }

    @Test
    void openBlasCanBeChosen() {
        assertArrayEquals(new String[] {"openblas", "keras4j.blas=openblas", null},
                NativeLibraries.chooseBlas("openblas", null, true));
        assertEquals("openblas", NativeLibraries.chooseBlas(" OpenBLAS ", null, true)[0]);
    }

    @Test
    void anUnknownBlasIsRefusedWithTheValidNames() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NativeLibraries.chooseBlas("atlas", null, true));
        assertTrue(error.getMessage().contains("'atlas'") && error.getMessage().contains("valid: mkl, openblas"),
                error.getMessage());
    }

    @Test
    void theUsersOwnJavacppSettingIsKept() {
        String[] blas = NativeLibraries.chooseBlas(null, "mkl_rt", false);
        assertEquals("mkl", blas[0]);
        assertNull(blas[2], "keras4j leaves the user's property alone");
        assertEquals("/opt/blis/libblis.so", NativeLibraries.chooseBlas(null, "/opt/blis/libblis.so", true)[0]);
    }

    @Test
    void bothSwitchesAtOnceAreRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NativeLibraries.chooseBlas("openblas", "mkl_rt", true));
        assertTrue(error.getMessage().contains("set one of them"), error.getMessage());
    }

    @Test
    void theFastestBuildTheCpuCanRunIsChosen() {
        assertArrayEquals(new String[] {"linux-x86_64-avx512", "the CPU has avx, avx2, avx512bw, avx512cd, avx512dq, "
                + "avx512f, avx512vl, fma", "-avx512"}, NativeLibraries.chooseBuild(null, "linux-x86_64", SKYLAKE_X,
                extension -> true));
        assertEquals("-avx2", NativeLibraries.chooseBuild(null, "linux-x86_64", ZEN3, extension -> true)[2]);
        assertEquals("-avx2", NativeLibraries.chooseBuild(null, "linux-x86_64", SKYLAKE_X,
                extension -> extension.equals("-avx2"))[2]);
    }

    @Test
    void aCpuWithoutTheInstructionsFallsBackToThePlainBuild() {
        String[] onZen3 = NativeLibraries.chooseBuild(null, "linux-x86_64", ZEN3,
                extension -> extension.equals("-avx512"));
        assertEquals("linux-x86_64", onZen3[0]);
        assertEquals(NativeLibraries.PLAIN_EXTENSION, onZen3[2],
                "an explicit extension keeps JavaCPP from trying the AVX-512 build on its own");
        String[] oldCpu = NativeLibraries.chooseBuild(null, "linux-x86_64", Set.of("sse2", "avx"), extension -> true);
        assertEquals("linux-x86_64", oldCpu[0]);
        assertEquals(NativeLibraries.PLAIN_EXTENSION, oldCpu[2]);
        String[] unreadableFlags = NativeLibraries.chooseBuild(null, "linux-x86_64", Set.of(), extension -> true);
        assertEquals("linux-x86_64", unreadableFlags[0]);
    }

    @Test
    void withOnlyThePlainBuildNothingIsSet() {
        assertArrayEquals(new String[] {"linux-x86_64", "no other build is on the class path", null},
                NativeLibraries.chooseBuild(null, "linux-x86_64", SKYLAKE_X, extension -> false));
    }

    @Test
    void theUsersExtensionIsKept() {
        String[] build = NativeLibraries.chooseBuild("-onednn-avx2", "linux-x86_64", Set.of(), extension -> false);
        assertEquals("linux-x86_64-onednn-avx2", build[0]);
        assertNull(build[2]);
    }

    @Test
    void setBlasAfterNd4jStartedIsAnError() {
        Backend.blas();
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Backend.setBlas("openblas"));
        assertTrue(error.getMessage().contains("already loaded"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backend.setBlas("blis"));
    }

    @Test
    void aChildJvmUsesMklByDefaultAndSurvivesTheAvx512BuildOnAnyCpu() throws Exception {
        List<String> classPath = new ArrayList<>(classPath());
        classPath.addAll(nativeBuildJars());
        String[] child = runChild(classPath);
        assertEquals("mkl", child[0]);
        assertEquals(expectedBuild(), child[1]);
    }

    /** A program that reads NumPy's data before it creates a model ran on OpenBLAS until NumpyFiles chose the BLAS. */
    @Test
    void readingNumpyDataFirstStillGivesMkl() throws Exception {
        assertEquals("mkl", runChild(classPath(), "-Dkeras4j.probe.numpy=datasets/parity_test.npz")[0]);
    }

    @Test
    void openBlasIsUsedWhenAskedFor() throws Exception {
        assertEquals("openblas", runChild(classPath(), "-Dkeras4j.blas=openblas")[0]);
    }

    @Test
    void withoutMklsJarNd4jRunsOnOpenBlas() throws Exception {
        List<String> withoutMkl = classPath().stream().filter(entry -> !entry.contains("-redist"))
                .collect(Collectors.toList());
        assertTrue(withoutMkl.size() < classPath().size(), "MKL's redist jar is on the test class path");
        assertEquals("openblas", runChild(withoutMkl)[0]);
    }

    @Test
    void theCommandLineReportsAnUnknownBlasOnOneLine() throws Exception {
        Process process = new ProcessBuilder(java(), "-Dkeras4j.blas=atlas", "-cp",
                System.getProperty("java.class.path"), "io.github.keras4j.cli.Keras4jCommand", "--help")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertEquals("keras4j: error: unknown BLAS 'atlas' in the system property keras4j.blas; valid: mkl, openblas",
                output.strip());
    }

    /** The build keras4j must pick here: the first of ND4J's builds present whose instructions this CPU has. */
    private static String expectedBuild() throws IOException {
        Set<String> present = nativeBuildJars().stream().map(jar -> jar.replaceAll(".*linux-x86_64(-[a-z0-9-]+)?\\.jar",
                "$1")).collect(Collectors.toSet());
        present.addAll(classPath().stream().filter(entry -> entry.contains("nd4j-native-"))
                .map(jar -> jar.replaceAll(".*linux-x86_64(-[a-z0-9-]+)?\\.jar", "$1")).collect(Collectors.toSet()));
        return NativeLibraries.chooseBuild(null, NativeLibraries.platform(), NativeLibraries.cpuFlags(),
                present::contains)[0];
    }

    private static List<String> classPath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private static List<String> nativeBuildJars() throws IOException {
        assumeTrue(Files.isDirectory(NATIVE_BUILDS), "mvn's process-test-resources copies ND4J's AVX-512 build to "
                + NATIVE_BUILDS);
        try (Stream<Path> jars = Files.list(NATIVE_BUILDS)) {
            return jars.filter(jar -> jar.toString().endsWith(".jar")).map(Path::toString).collect(Collectors.toList());
        }
    }

    private static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** Runs {@link Probe} in a child JVM and returns its {blas, native build}. */
    private static String[] runChild(List<String> classPath, String... jvmFlags) throws Exception {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(Arrays.asList(jvmFlags));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        String result = output.lines().filter(line -> line.startsWith("NATIVE ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result line in\n" + output));
        return result.substring("NATIVE ".length()).split(" ");
    }

    /** The child JVM: a keras4j model first, then what ND4J loaded, after a product that must be right. */
    public static final class Probe {
        public static void main(String[] args) {
            String numpy = System.getProperty("keras4j.probe.numpy");
            if (numpy != null) {
                io.github.keras4j.data.NumpyFiles.load(java.nio.file.Path.of(numpy), "x");
            }
            io.github.keras4j.Sequential model = new io.github.keras4j.Sequential();
            model.add(new io.github.keras4j.layers.Dense(1).inputDim(2));
            double product = Nd4j.createFromArray(1f, 2f).mmul(Nd4j.createFromArray(2f, 2f).reshape(2, 1))
                    .getDouble(0);
            if (product != 6.0) {
                throw new AssertionError("1*2 + 2*2 = " + product);
            }
            System.out.println("NATIVE " + Backend.blas() + " " + Backend.nativeBuild());
        }
    }
}
