package io.github.keras4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keras4j summary FILE}: Keras's {@code model.summary()} table. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Print Keras's model.summary() table of a run config, a Keras model JSON file "
                + "(model.to_json()) or a model file."})
final class SummaryCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONFIG|MODEL_FILE", description = "A run config (configs/*.json), a Keras JSON file "
            + "or a model file.")
    Path file;

    @Override
    public Integer call() {
        ModelInput.load(file).summary();
        return 0;
    }
}
