package io.github.keras4j.cli;

import io.github.keras4j.internal.PythonFormat;
import io.github.keras4j.run.RunConfig;
import io.github.keras4j.run.TrainedRun;
import io.github.keras4j.run.Training;
import io.github.keras4j.spark.TrainingMasterType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keras4j train CONFIG}: trains a run config, printing Keras's logs, and writes the model and its History. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the model of a run config (configs/*.json) on its CSV data, printing Keras's logs; "
                + "write the model file, the History as CSV and the predictions (on the test file, else the "
                + "training file), by default under runs/<config name>/."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "The run config, e.g. configs/tutorial000_xor.json.")
    Path config;

    @Option(names = "--epochs", paramLabel = "N", description = "Train for N epochs instead of the config's.")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "N", description = "Seed weights and shuffling with N instead of the "
            + "config's seed.")
    Long seed;

    @Option(names = "--verbose", paramLabel = "N", description = "Keras's verbose: 0 silent, 1 progress bar, "
            + "2 one line per epoch (default: the config's fit.verbose, else 1).")
    Integer verbose;

    @Option(names = "--output", paramLabel = "DIR", description = "Write the outputs into DIR instead of the "
            + "config's paths (default runs/<config name>/).")
    Path output;

    @Option(names = "--allow-outside-output", description = "Let the config write files outside the run's output "
            + "folder (--output DIR, else runs/<config name>/); without it such a config is refused, since a config "
            + "from elsewhere could otherwise write anywhere you can.")
    boolean allowOutsideOutput;

    @Option(names = "--plots", paramLabel = "DIR", description = "Also draw the pictures of training into DIR: "
            + "history.png, decision_regions.png (2-input classifiers), representation.png, parameters.png and "
            + "representation.gif (the last hidden layer over the epochs).")
    Path plots;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Train on Spark through DL4J's Spark training, "
            + "on the master MASTER: local[N], local[*], spark://host:port, yarn, k8s://... (overrides the config's "
            + "spark.master). Evaluation and predictions run here afterwards.")
    String spark;

    @Option(names = "--training-master", paramLabel = "NAME", description = "How the Spark workers combine what "
            + "they learn: averaging (parameter averaging, the default) or sharing (gradient sharing); overrides the "
            + "config's spark.training_master.")
    String trainingMaster;

    @Override
    public Integer call() {
        ModelInput.requireFile(config, "config file");
        ConfigKind.RUN.require(config, spec);
        RunConfig run = RunConfig.read(config);
        if (epochs != null) {
            run = run.withEpochs(epochs);
        }
        if (seed != null) {
            run = run.withSeed(seed);
        }
        if (verbose != null) {
            run = run.withVerbose(verbose);
        }
        if (output != null) {
            run = run.withOutputDirectory(output);
        }
        if (plots != null) {
            run = run.withPlotsDirectory(plots);
        }
        if (allowOutsideOutput) {
            run = run.allowingOutsideOutput();
        }
        if (trainingMaster != null && spark == null && run.spark() == null) {
            throw new ParameterException(spec.commandLine(), "--training-master needs --spark MASTER (or a spark "
                    + "section in the config): without either the run trains on this machine");
        }
        if (spark != null || trainingMaster != null) {
            run = run.withSpark(spark, trainingMaster == null ? null : TrainingMasterType.fromName(trainingMaster));
        }
        TrainedRun trained = Training.run(run);
        for (Consumer<TrainedRun> step : afterTraining()) {
            step.accept(trained);
        }
        return 0;
    }

    /** What runs once the model is trained and its files are written, in order: the place for further outputs. */
    private List<Consumer<TrainedRun>> afterTraining() {
        return List.of(TrainCommand::printTestScores, TrainCommand::printFiles);
    }

    private static void printTestScores(TrainedRun trained) {
        if (trained.testScores() != null) {
            System.out.println("test (" + trained.config().data().test() + "): "
                    + scores(trained.model().metricsNames(), trained.testScores()));
        }
    }

    private static void printFiles(TrainedRun trained) {
        System.out.println("model: " + trained.modelFile());
        System.out.println("history: " + trained.historyFile());
        System.out.println("predictions: " + trained.predictionsFile());
        for (Path picture : trained.plotFiles()) {
            System.out.println("plot: " + picture);
        }
        for (String note : trained.plotNotes()) {
            System.out.println("plots: " + note);
        }
    }

    /** {@code loss: 0.0123 - binary_accuracy: 1.0000}, numbers as Keras's logs print them. */
    static String scores(List<String> names, double[] values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "" : " - ").append(names.get(i)).append(": ")
                    .append(Math.abs(values[i]) > 1e-3 ? PythonFormat.fixed(values[i], 4)
                            : PythonFormat.scientific(values[i], 4));
        }
        return line.toString();
    }
}
