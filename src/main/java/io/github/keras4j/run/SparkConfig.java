package io.github.keras4j.run;

import io.github.keras4j.spark.TrainingMasterType;
import java.util.List;

/**
 * The {@code spark} section of a run config: train on Spark through DL4J's Spark integration instead of on this
 * machine. {@code keras4j train --spark MASTER --training-master averaging|sharing} overrides the master and the
 * training master; a config without the section (and without the flag) trains on one machine.
 *
 * @param master the Spark master URL, or null to take spark-submit's ({@code spark.master})
 * @param workers the workers ({@code SparkTraining.workers}), or null for DL4J's default
 * @param exportDirectory parameter averaging's export directory (shared by every executor), or null
 */
public record SparkConfig(String master, TrainingMasterType trainingMaster, Integer workers, int averagingFrequency,
        double threshold, int port, String exportDirectory) {

    /** The keys of {@code spark}. */
    public static final List<String> KEYS = List.of("master", "training_master", "workers", "averaging_frequency",
            "threshold", "port", "export_directory");

    /** DL4J's defaults: parameter averaging every 5 batches; sharing from threshold 1e-3 on port 49876. */
    public static final SparkConfig DEFAULTS = new SparkConfig(null, TrainingMasterType.AVERAGING, null, 5, 1e-3,
            49876, null);

    static SparkConfig read(ConfigSection section) {
        try {
            String trainingMaster = section.string("training_master", null);
            Integer workers = section.has("workers") ? section.integer("workers", 0) : null;
            if (workers != null && workers < 1) {
                throw section.error("workers must be at least 1, found " + workers);
            }
            int frequency = section.integer("averaging_frequency", DEFAULTS.averagingFrequency);
            if (frequency < 1) {
                throw section.error("averaging_frequency must be at least 1, found " + frequency);
            }
            double threshold = section.number("threshold", DEFAULTS.threshold);
            if (!(threshold > 0) || Double.isInfinite(threshold)) {
                throw section.error("threshold must be a number > 0, found " + threshold);
            }
            int port = section.integer("port", DEFAULTS.port);
            if (port < 1 || port > 65535) {
                throw section.error("port must be in 1..65535, found " + port);
            }
            return new SparkConfig(section.string("master", null),
                    trainingMaster == null ? DEFAULTS.trainingMaster : TrainingMasterType.fromName(trainingMaster),
                    workers, frequency, threshold, port, section.string("export_directory", null));
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

    /** A copy with this training master (the command line's {@code --training-master}). */
    public SparkConfig withTrainingMaster(TrainingMasterType type) {
        return new SparkConfig(master, type, workers, averagingFrequency, threshold, port, exportDirectory);
    }
}
