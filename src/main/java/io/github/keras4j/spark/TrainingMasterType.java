package io.github.keras4j.spark;

import io.github.keras4j.internal.KerasNamed;
import io.github.keras4j.internal.Registry;

/** How the Spark workers combine what they learn: DL4J's two training masters. */
public enum TrainingMasterType implements KerasNamed {
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

    @Override
    public String kerasName() {
        return configName;
    }

    /**
     * The training master named {@code averaging} or {@code sharing}.
     *
     * @throws IllegalArgumentException naming the closest valid name and listing them
     */
    public static TrainingMasterType fromName(String name) {
        return Registry.lookup(TrainingMasterType.class, "training master", name);
    }
}
