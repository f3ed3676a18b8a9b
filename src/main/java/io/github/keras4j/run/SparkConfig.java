package io.github.keras4j.run;

import io.github.keras4j.spark.SparkSettings;
import io.github.keras4j.spark.TrainingMasterType;
import java.util.List;

/**
 * The {@code spark} section of a run config: train on Spark through DL4J's Spark integration instead of on this
 * machine. {@code keras4j train --spark MASTER --training-master averaging|sharing} overrides the master and the
 * training master; a config without the section (and without the flag) trains on one machine. A setting of the
 * other training master ({@code threshold} with parameter averaging, say) is an error, not ignored.
 *
 * @param master the Spark master URL, or null to take spark-submit's ({@code spark.master})
 * @param workers the workers ({@code SparkTraining.workers}), or null for DL4J's default
 * @param averagingFrequency parameter averaging's frequency, or null for DL4J's default (5)
 * @param threshold gradient sharing's initial threshold, or null for DL4J's default (1e-3)
 * @param port gradient sharing's port, or null for DL4J's default (49876)
 * @param exportDirectory the export directory (shared by every executor), or null
 */
public record SparkConfig(String master, TrainingMasterType trainingMaster, Integer workers,
        Integer averagingFrequency, Double threshold, Integer port, String exportDirectory) {

    /** The keys of {@code spark}. */
    public static final List<String> KEYS = List.of("master", "training_master", "workers", "averaging_frequency",
            "threshold", "port", "export_directory");

    /** Parameter averaging with DL4J's defaults, on the master the command line gives. */
    public static final SparkConfig DEFAULTS = new SparkConfig(null, TrainingMasterType.AVERAGING, null, null, null,
            null, null);

    /**
     * @throws IllegalArgumentException for a value out of range, or a setting of the other training master
     */
    public SparkConfig {
        if (workers != null) {
            SparkSettings.workers(workers);
        }
        if (averagingFrequency != null) {
            SparkSettings.averagingFrequency(averagingFrequency);
            trainingMaster.require("averaging_frequency");
        }
        if (threshold != null) {
            SparkSettings.threshold(threshold);
            trainingMaster.require("threshold");
        }
        if (port != null) {
            SparkSettings.port(port);
            trainingMaster.require("port");
        }
    }

    static SparkConfig read(ConfigSection section) {
        try {
            String trainingMaster = section.string("training_master", null);
            return new SparkConfig(section.string("master", null),
                    trainingMaster == null ? DEFAULTS.trainingMaster : TrainingMasterType.fromName(trainingMaster),
                    section.has("workers") ? section.integer("workers", 0) : null,
                    section.has("averaging_frequency") ? section.integer("averaging_frequency", 0) : null,
                    section.numberOrNull("threshold"),
                    section.has("port") ? section.integer("port", 0) : null,
                    section.string("export_directory", null));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw message.startsWith(section.file()) ? e : section.error(message);
        }
    }

    /** A copy on this master (the command line's {@code --spark}). */
    public SparkConfig withMaster(String newMaster) {
        return new SparkConfig(newMaster, trainingMaster, workers, averagingFrequency, threshold, port,
                exportDirectory);
    }

    /**
     * A copy with this training master (the command line's {@code --training-master}).
     *
     * @throws IllegalArgumentException when the section holds a setting of the other training master
     */
    public SparkConfig withTrainingMaster(TrainingMasterType type) {
        return new SparkConfig(master, type, workers, averagingFrequency, threshold, port, exportDirectory);
    }
}
