package io.github.keras4j.cli;

import io.github.keras4j.internal.NativeLibraries;
import io.github.keras4j.run.MissingFileException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code keras4j} command line: {@code keras4j train configs/tutorial000_xor.json}, {@code evaluate},
 * {@code predict}, {@code summary}, {@code convert}, {@code sweep configs/sweep_tutorial002.json}. An error is one line on standard error,
 * {@code keras4j: error: ...}, with exit code 2 for bad usage (unknown option, missing argument, missing file) and
 * 1 for a run that failed (bad config content, bad CSV, training diverged); {@code --debug} adds the stack trace.
 */
@Command(name = "keras4j", mixinStandardHelpOptions = true, versionProvider = Keras4jCommand.Version.class,
        description = "Keras's Sequential models on Deeplearning4j: train a run config, then evaluate, predict, "
                + "summarize or convert the model; or sweep a grid of settings.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
            ConvertCommand.class, SweepCommand.class, CommandLine.HelpCommand.class})
public final class Keras4jCommand implements Runnable {

    /** Exit code of a run that failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of bad usage (picocli's {@code ExitCode.USAGE}). */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing a command: one of train, evaluate, predict, "
                + "summary, convert, sweep (keras4j --help lists them)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line in this JVM and returns its exit code (what {@link #main} exits with). */
    public static int execute(String... args) {
        try {
            // Before the command's first ND4J call: ND4J's BLAS and native build (docs/performance.md).
            NativeLibraries.configure();
        } catch (IllegalArgumentException e) {
            System.err.println("keras4j: error: " + e.getMessage());
            return EXIT_USAGE;
        }
        return commandLine().execute(args);
    }

    /** The configured command line, printing to the current {@code System.out} and {@code System.err}. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Keras4jCommand());
        commandLine.setOut(new PrintWriter(System.out, true));
        commandLine.setErr(new PrintWriter(System.err, true));
        commandLine.setParameterExceptionHandler((ex, args) -> {
            String message = ex.getMessage();
            if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                message += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
            }
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            return fail(ex.getCommandLine(), ex, message + " (see '" + command + " --help')", EXIT_USAGE,
                    Arrays.asList(args).contains("--debug"));
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> fail(cmd, ex, ex.getMessage(),
                ex instanceof MissingFileException ? EXIT_USAGE : EXIT_FAILED,
                parseResult.originalArgs().contains("--debug")));
        // picocli hands Errors (OutOfMemoryError, StackOverflowError) straight through: they become one line too.
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (Error error) {
                CommandLine last = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
                throw new CommandLine.ExecutionException(last, error.toString(),
                        new JvmError(JvmError.describe(error, activity(parseResult)), error));
            }
        });
        return commandLine;
    }

    /** What the command line was doing, for an error: {@code train configs/big.json}. */
    private static String activity(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = parseResult;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        StringBuilder text = new StringBuilder(last.commandSpec().name());
        for (CommandLine.Model.PositionalParamSpec positional : last.matchedPositionals()) {
            text.append(' ').append(String.valueOf((Object) positional.getValue()));
        }
        return text.toString();
    }

    private static int fail(CommandLine commandLine, Exception ex, String message, int exitCode, boolean debug) {
        PrintWriter err = commandLine.getErr();
        err.println("keras4j: error: " + oneLine(message, ex));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** The message on one line; an exception without one is named by its type. */
    static String oneLine(String message, Exception ex) {
        if (message == null || message.isBlank()) {
            return ex.getClass().getName() + " (run with --debug for the stack trace)";
        }
        return String.join(" ", List.of(message.strip().split("\\s*\\R\\s*")));
    }

    /** The version from the jar's manifest, or "development build" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Keras4jCommand.class.getPackage().getImplementationVersion();
            return new String[] {"keras4j " + (version == null ? "development build" : version) + " (Java "
                    + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + ")"};
        }
    }
}
