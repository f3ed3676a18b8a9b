package io.github.keras4j.cli;

import io.github.keras4j.sweep.SweepConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keras4j sweep CONFIG}: runs a sweep config's grid and prints the table of epochs to the target, as
 * {@code examples.Tutorial002Sweep} does.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep config (configs/sweep_*.json): train every setting of its grid (hidden layers, "
                + "units, activations, optimizers, learning rates, losses) once per seed until the target metric "
                + "is reached, and print the epochs each run needed and their median, one row per setting as it "
                + "finishes (tutorial 002's \"play with the parameters\")."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "The sweep config, e.g. configs/sweep_tutorial002.json.")
    Path config;

    @Option(names = "--epochs", paramLabel = "N", description = "Give each run at most N epochs instead of the "
            + "config's.")
    Integer epochs;

    @Override
    public Integer call() {
        ModelInput.requireFile(config, "sweep config");
        ConfigKind.SWEEP.require(config, spec);
        SweepConfig sweep = SweepConfig.read(config);
        if (sweep.data().isEmpty()) {
            throw new ParameterException(spec.commandLine(), config + " has no \"data\": the command line runs "
                    + "sweep configs with their data, e.g. \"data\": {\"csv\": \"datasets/xor.csv\", \"labels\": "
                    + "[\"y\"]}");
        }
        if (epochs != null) {
            sweep = sweep.withEpochs(epochs);
        }
        sweep.run(System.out::println);
        return 0;
    }
}
