package io.github.keras4j.cli;

import io.github.keras4j.Sequential;
import io.github.keras4j.internal.AtomicFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keras4j convert IN OUT}: a model to keras4j's model file or to Keras's JSON. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a model (a model file, a Keras model JSON file or a run config) to keras4j's model "
                + "file, or with --to json to Keras's model.to_json() architecture (no weights). From JSON, the "
                + "model file holds fresh weights."})
final class ConvertCommand implements Callable<Integer> {

    /** The formats {@code --to} names. */
    enum Format { keras4j, json }

    @Parameters(index = "0", paramLabel = "IN", description = "The model to read.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
    Path output;

    @Option(names = "--to", paramLabel = "FORMAT", description = "keras4j or json (default: json when OUT ends in "
            + ".json, else keras4j).")
    Format to;

    @Override
    public Integer call() {
        ModelInput.requireFile(input, "model file");
        Sequential model = ModelInput.load(input);
        Format format = to != null ? to : output.getFileName().toString().endsWith(".json") ? Format.json
                : Format.keras4j;
        if (format == Format.json) {
            AtomicFiles.writeString(output, model.toJson() + System.lineSeparator());
        } else {
            model.save(output);
        }
        System.out.println(format + ": " + output);
        return 0;
    }
}
