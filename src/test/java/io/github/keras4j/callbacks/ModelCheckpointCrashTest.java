package io.github.keras4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import io.github.keras4j.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic writes proved the hard way: a child JVM checkpoints the whole model after every batch and is killed with
 * SIGKILL at a random moment, 50 times; every time, the checkpoint left behind loads. The children run in a few
 * lanes side by side (each lane its own file, each child overwriting its predecessor's checkpoint), so that the
 * test takes seconds, not minutes.
 */
class ModelCheckpointCrashTest {

    private static final int KILLS = 50;
    private static final int LANES = 5;

    @TempDir
    Path folder;

    @Test
    void aCheckpointKilledAtAnyMomentLeavesALoadableFile() throws Exception {
        Random random = new Random(17);
        List<Path> checkpoints = new ArrayList<>();
        for (int lane = 0; lane < LANES; lane++) {
            checkpoints.add(folder.resolve("lane" + lane).resolve("model.keras4j"));
        }
        int loaded = 0;
        for (int round = 0; round < KILLS / LANES; round++) {
            List<Process> children = new ArrayList<>();
            List<Long> before = new ArrayList<>();
            for (Path checkpoint : checkpoints) {
                before.add(Files.exists(checkpoint) ? Files.getLastModifiedTime(checkpoint).toMillis() : -1);
                // A child lives a second or two: the quick JIT and one ND4J thread start it fastest.
                ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-XX:CICompilerCount=1", "-cp", System.getProperty("java.class.path"),
                        CheckpointingChild.class.getName(), checkpoint.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("OMP_NUM_THREADS", "1");
                children.add(builder.start());
            }
            for (int lane = 0; lane < LANES; lane++) {
                Path checkpoint = checkpoints.get(lane);
                Process child = children.get(lane);
                // Wait for this child's first checkpoint, then let it write for a random while and kill it.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (child.isAlive() && (!Files.exists(checkpoint)
                        || Files.getLastModifiedTime(checkpoint).toMillis() == before.get(lane))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertTrue(child.isAlive(), "the child of lane " + lane + " died by itself");
                Thread.sleep(random.nextInt(300));
                child.destroyForcibly();
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "not killed by SIGKILL");
                Sequential model = Sequential.load(checkpoint);
                assertEquals(3, model.layers().size());
                assertTrue(model.network().getLayerWiseConfigurations().getEpochCount() >= 0);
                loaded++;
            }
        }
        assertEquals(KILLS, loaded);
        // A killed writer may leave its temporary file, named after the target; never a broken target.
        try (Stream<Path> files = Files.walk(folder)) {
            assertTrue(files.filter(Files::isRegularFile).allMatch(file -> file.getFileName().toString()
                    .equals("model.keras4j") || AtomicFiles.isTemporary(file)));
        }
    }

    @Test
    void aTemporaryFileIsUniqueAndNeverLeftByAFailedWrite() throws IOException {
        Path target = folder.resolve("x.bin");
        try {
            AtomicFiles.write(target, out -> {
                out.write(1);
                throw new IOException("disk full");
            });
        } catch (java.io.UncheckedIOException expected) {
            assertTrue(expected.getMessage().contains("x.bin") && expected.getMessage().contains("disk full"));
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(0, files.count());
        }
        // A link planted at the target is replaced, not followed.
        Path victim = Files.writeString(folder.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(target, victim);
        AtomicFiles.writeString(target, "new");
        assertEquals("precious", Files.readString(victim));
        assertEquals("new", Files.readString(target));
        assertTrue(!Files.isSymbolicLink(target));
    }
}
