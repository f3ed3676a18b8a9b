package io.github.keras4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Which command a config file is for, told by the key only it has: a run config's {@code "model"} ({@code train}),
 * a sweep config's {@code "grid"} ({@code sweep}). Given to the wrong command, the error names the right one.
 */
enum ConfigKind {
    RUN("model", "train", "a run config"),
    SWEEP("grid", "sweep", "a sweep config");

    private final String key;
    private final String command;
    private final String description;

    ConfigKind(String key, String command, String description) {
        this.key = key;
        this.command = command;
        this.description = description;
    }

    /**
     * Throws the usage error naming the right command when {@code file} is clearly the other kind of config; a file
     * that is neither (or not JSON) is left to the reader, whose errors say what is wrong in it.
     */
    void require(Path file, CommandSpec spec) {
        for (ConfigKind other : values()) {
            if (other != this && other.isKindOf(file) && !isKindOf(file)) {
                throw new ParameterException(spec.commandLine(), file + " is " + other.description + " (it has \""
                        + other.key + "\"): run it with 'keras4j " + other.command + " " + file + "'");
            }
        }
    }

    private boolean isKindOf(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            return root != null && root.isObject() && root.has(key);
        } catch (IOException notJson) {
            return false;
        }
    }
}
