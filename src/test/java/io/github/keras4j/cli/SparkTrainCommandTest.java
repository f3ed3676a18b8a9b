package io.github.keras4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keras4j train --spark MASTER --training-master NAME} and the {@code spark} section of a run config. */
class SparkTrainCommandTest {

    @TempDir
    Path directory;

    @Test
    void aConfigWithASparkSectionTrainsOnSpark() throws IOException {
        Path output = directory.resolve("spark");
        Cli.Result result = Cli.run("train", "configs/tutorial004_gaussian_xor_spark.json", "--epochs", "2",
                "--output", output.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("Epoch 1/2", lines.get(0));
        assertTrue(lines.get(1).matches("100/100 \\[=+] - \\d+s \\d+m?s/step - loss: \\d\\.\\d{4}"), lines.get(1));
        // evaluate on the test file runs on the driver afterwards, with its own progress bar.
        assertTrue(lines.get(4).startsWith("50/50 [="), lines.get(4));
        assertTrue(lines.get(5).startsWith("test (datasets/gaussian_xor_test.csv): loss: "), lines.get(5));
        assertEquals(3, Files.readAllLines(output.resolve("history.csv")).size());
        assertEquals(2, Sequential.load(output.resolve("model.keras4j")).history().get("loss").size());
    }

    @Test
    void theSparkFlagTrainsAConfigWithoutASparkSection() {
        Cli.Result result = Cli.run("train", "configs/tutorial004_gaussian_xor.json", "--spark", "local[2]",
                "--training-master", "averaging", "--epochs", "1", "--verbose", "2", "--output",
                directory.resolve("flag").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("100/100 - "), result.out());
    }

    @Test
    void trainingMasterWithoutSparkIsAUsageError() {
        Cli.Result result = Cli.run("train", "configs/tutorial004_gaussian_xor.json", "--training-master",
                "sharing");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("keras4j: error: --training-master needs --spark MASTER"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void badSparkArgumentsAreOneLineErrors() {
        Cli.Result master = Cli.run("train", "configs/tutorial004_gaussian_xor.json", "--spark", "local[two]",
                "--output", directory.resolve("bad").toString());
        assertEquals(1, master.exitCode());
        assertEquals("keras4j: error: Spark master URL 'local[two]' is not a local one. Valid Spark masters: local, "
                + "local[N], local[*], local[N,F], spark://host:port, yarn, k8s://https://host:port, mesos://host:port",
                master.err().strip());
        Cli.Result trainingMaster = Cli.run("train", "configs/tutorial004_gaussian_xor.json", "--spark", "local[2]",
                "--training-master", "ring_allreduce");
        assertEquals(1, trainingMaster.exitCode());
        assertEquals("keras4j: error: unknown training master 'ring_allreduce'; valid: averaging, sharing",
                trainingMaster.err().strip());
    }
}
