package io.github.keras4j.spark;

import io.github.keras4j.internal.PythonRepr;
import io.github.keras4j.optimizers.Optimizer;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.repartitioner.NoOpRepartitioner;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/** The one place a {@link SparkTraining} becomes a DL4J training master. */
final class TrainingMasters {

    /** Aeron refuses to start when this is not above its client liveness timeout, which DL4J raises. */
    static final String AERON_UNBLOCK_TIMEOUT = "aeron.publication.unblock.timeout";
    static final String AERON_UNBLOCK_TIMEOUT_NS = "60000000000";

    private TrainingMasters() {
    }

    /**
     * The warning a fit prints first when gradient sharing meets an optimizer with momentum (a {@code momentum}
     * hyperparameter above 0), or null. DL4J's threshold encoding sends each parameter's update in steps of the
     * threshold and keeps the rest as a residual; momentum (classical or Nesterov) feeds on those delayed updates and
     * does not converge: tutorial 004's {@code SGD(momentum=0.99)} stays at 0.70-0.73 test accuracy for any initial
     * threshold from 1e-4 to 0.2, and so does DL4J's own {@code Nesterovs} (SparkGradientSharingTest), where parameter
     * averaging reaches 0.98.
     */
    static String momentumWarning(TrainingMasterType type, Optimizer optimizer) {
        double momentum = (Double) optimizer.hyperparameter("momentum").orElse(0.0);
        if (type != TrainingMasterType.SHARING || momentum == 0) {
            return null;
        }
        boolean nesterov = (Boolean) optimizer.hyperparameter("nesterov").orElse(false);
        return "WARNING: gradient sharing does not train " + optimizer.className() + " with momentum well: DL4J's "
                + "threshold encoding of the updates loses what momentum needs (tutorial 004's SGD(momentum=0.99) stays "
                + "near 0.72 test accuracy, against 0.98 with parameter averaging). The model is compiled with "
                + optimizer.className() + "(momentum=" + PythonRepr.of(momentum) + (nesterov ? ", nesterov=True" : "")
                + "); use parameter averaging (SparkTraining.averaging, --training-master averaging), or "
                + optimizer.className() + " without momentum or Adam with gradient sharing.";
    }

    /**
     * @param examplesPerDataSet the rows of each {@code DataSet} of the RDD (DL4J plans its splits with it)
     */
    static TrainingMaster<?, ?> build(SparkTraining training, int batchSizePerWorker, int examplesPerDataSet,
            long seed) {
        RDDTrainingApproach approach = training.exportDirectory() == null ? RDDTrainingApproach.Direct
                : RDDTrainingApproach.Export;
        return switch (training.type()) {
            case AVERAGING -> {
                ParameterAveragingTrainingMaster.Builder builder =
                        new ParameterAveragingTrainingMaster.Builder(training.workers(), examplesPerDataSet)
                                .batchSizePerWorker(batchSizePerWorker)
                                .averagingFrequency(training.averagingFrequency())
                                .saveUpdater(true)
                                .workerPrefetchNumBatches(2)
                                .rddTrainingApproach(approach)
                                .collectTrainingStats(false)
                                .rngSeed(seed);
                if (training.exportDirectory() != null) {
                    builder.exportDirectory(training.exportDirectory());
                }
                yield builder.build();
            }
            case SHARING -> {
                if (System.getProperty(AERON_UNBLOCK_TIMEOUT) == null) {
                    // Reaches the executors only where they share the driver's JVM (local masters); a cluster's
                    // executors get it from spark.executor.extraJavaOptions (docs/spark.md).
                    System.setProperty(AERON_UNBLOCK_TIMEOUT, AERON_UNBLOCK_TIMEOUT_NS);
                }
                String controller = training.controllerAddress();
                if (controller == null && training.networkMask() == null
                        && training.context().master().startsWith("local")) {
                    controller = "127.0.0.1";
                }
                VoidConfiguration parameterServer = VoidConfiguration.builder()
                        // DL4J takes the port from the supplier at each fit (unicastPort would be overwritten).
                        .portSupplier(new FixedPort(training.port()))
                        .controllerAddress(controller)
                        .networkMask(training.networkMask())
                        .build();
                SharedTrainingMaster.Builder builder = new SharedTrainingMaster.Builder(parameterServer,
                        examplesPerDataSet)
                        .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(training.threshold()))
                        .batchSizePerWorker(batchSizePerWorker)
                        // DL4J's default repartitioner hung 3 runs of 3 in local mode; without it, 7 of 7 finished.
                        .repartitioner(new NoOpRepartitioner())
                        .workerPrefetchNumBatches(2)
                        .rddTrainingApproach(approach)
                        .collectTrainingStats(false)
                        .rngSeed(seed);
                if (training.workers() != null) {
                    builder.workersPerNode(training.workers());
                }
                if (training.exportDirectory() != null) {
                    builder.exportDirectory(training.exportDirectory());
                }
                yield builder.build();
            }
        };
    }
}
