package io.github.keras4j.cli;

import io.github.keras4j.Sequential;
import io.github.keras4j.internal.AtomicFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keras4j convert IN OUT}: a model to keras4j's model file, Keras's files or Keras's JSON. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a model (a model file, a Keras model JSON file or a run config) to keras4j's model "
                + "file, with --to keras to Keras 3's .keras archive, with --to h5 to Keras 2's HDF5 model file "
                + "(both with the optimizer's state, which Keras loads), or with --to json to Keras's "
                + "model.to_json() architecture (no weights). From JSON, the model holds fresh weights."})
final class ConvertCommand implements Callable<Integer> {

    /** The formats {@code --to} names, and the file names Keras and keras4j give each. */
    enum Format {
        keras4j(""), keras(".keras"), h5(".h5 or .hdf5"), json(".json");

        private final String names;

        Format(String names) {
            this.names = names;
        }

        /** The format {@code save} gives a file of this name (and json for .json), as Keras chooses by name. */
        static Format of(Path file) {
            String name = file.getFileName().toString();
            if (name.endsWith(".json")) {
                return json;
            }
            if (name.endsWith(".keras")) {
                return keras;
            }
            return name.endsWith(".h5") || name.endsWith(".hdf5") ? h5 : keras4j;
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The model to read.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write.")
    Path output;

    @Option(names = "--to", paramLabel = "FORMAT", description = "keras4j, keras, h5 or json (default by OUT's "
            + "name: .keras keras, .h5/.hdf5 h5, .json json, else keras4j). Keras loads its files only by these names.")
    Format to;

    @Override
    public Integer call() {
        Format named = Format.of(output);
        Format format = to != null ? to : named;
        // Keras tells its files by their names, and save chooses the format by name too: the two must agree.
        if (format != named && format != Format.json) {
            throw new ParameterException(spec.commandLine(), "--to " + format + " and the name " + output.getFileName()
                    + " disagree: " + (format == Format.keras4j ? "save writes a file named so as Keras's "
                    + named + " format; name keras4j's file otherwise (model.keras4j)"
                    : "Keras loads its " + format + " files only by a name ending in " + format.names));
        }
        ModelInput.requireFile(input, "model file");
        Sequential model = ModelInput.load(input);
        if (format == Format.json) {
            AtomicFiles.writeString(output, model.toJson() + System.lineSeparator());
        } else {
            model.save(output);
        }
        System.out.println(format + ": " + output);
        return 0;
    }
}
