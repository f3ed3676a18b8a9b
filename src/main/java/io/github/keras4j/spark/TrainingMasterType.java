package io.github.keras4j.spark;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the Spark workers combine what they learn: DL4J's two training masters. */
public enum TrainingMasterType {
    /**
     * DL4J's {@code ParameterAveragingTrainingMaster}: each worker trains its own copy for a few batches, then the
     * driver averages the parameters (synchronous; the simplest, and the one for small clusters).
     */
    AVERAGING("averaging"),
    /**
     * DL4J's {@code SharedTrainingMaster}: workers exchange threshold-encoded gradient updates as they train
     * (asynchronous gradient sharing over Aeron; scales further, needs open ports between the machines).
     */
    SHARING("sharing");

    private final String configName;

    TrainingMasterType(String configName) {
        this.configName = configName;
    }

    /**
     * @throws IllegalArgumentException when {@code setting} (a run-config key such as {@code averaging_frequency})
     *     belongs to the other training master: a setting that would do nothing is an error, not ignored
     */
    public void require(String setting) {
        boolean averagingOnly = setting.equals("averaging_frequency");
        boolean sharingOnly = setting.equals("threshold") || setting.equals("port")
                || setting.equals("controller_address") || setting.equals("network_mask");
        if (averagingOnly && this != AVERAGING || sharingOnly && this != SHARING) {
            TrainingMasterType owner = averagingOnly ? AVERAGING : SHARING;
            throw new IllegalArgumentException(setting + " is a setting of training master '" + owner.configName
                    + "', but the training master is '" + configName + "'");
        }
    }

    /** The name in run configs and on the command line. */
    public String configName() {
        return configName;
    }

    /**
     * The training master named {@code averaging} or {@code sharing} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the names
     */
    public static TrainingMasterType fromName(String name) {
        for (TrainingMasterType type : values()) {
            if (type.configName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown training master: '" + name + "'. Valid training masters: "
                + names());
    }

    /** The valid names, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(TrainingMasterType::configName).collect(Collectors.joining(", "));
    }
}
