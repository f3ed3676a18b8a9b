package io.github.keras4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.callbacks.CSVLogger;
import io.github.keras4j.callbacks.Callback;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --output moves every output of a run; a config may not write outside the output folder unless allowed. */
class OutputFolderTest {

    private static RunConfig config(String extra) {
        String json = "{\"model\": {\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": "
                + "\"Dense\", \"config\": {\"name\": \"d\", \"units\": 1, \"batch_input_shape\": [null, 2]}}]}}, "
                + "\"compile\": {\"loss\": \"mse\", \"optimizer_config\": {\"class_name\": \"SGD\", \"config\": {}}}, "
                + "\"data\": {\"train\": \"datasets/xor.csv\", \"labels\": [\"y\"]}" + extra + "}";
        return RunConfig.fromJson(json, "t", "t.json");
    }

    @Test
    void outputMovesCallbackFilesToo() {
        RunConfig moved = config(", \"fit\": {\"callbacks\": [{\"class_name\": \"CSVLogger\", \"config\": "
                + "{\"filename\": \"/somewhere/else/log.csv\"}}]}").withOutputDirectory(Path.of("out"));
        List<Callback> callbacks = moved.fitOptions().callbacks();
        assertEquals(Path.of("out", "log.csv"), ((CSVLogger) callbacks.get(0)).filename());
        assertEquals(Path.of("out", "model.keras4j"), moved.modelOutput());
        moved.requireOutputsInside();
    }

    @Test
    void aPathOutsideTheOutputFolderIsRefusedUnlessAllowed() {
        RunConfig outside = config(", \"outputs\": {\"model\": \"../m.keras4j\"}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, outside::requireOutputsInside);
        assertTrue(error.getMessage().startsWith("t.json: outputs.model writes ../m.keras4j, outside the run's "
                + "output folder runs/t; "), error.getMessage());
        outside.allowingOutsideOutput().requireOutputsInside();
        config(", \"outputs\": {\"model\": \"runs/t/sub/m.keras4j\"}").requireOutputsInside();
    }
}
