package io.github.keras4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.SGD;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.repartitioner.NoOpRepartitioner;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every setting of a {@link SparkTraining} reaches the DL4J training master it becomes. */
class TrainingMastersTest {

    private static JavaSparkContext context;

    @BeforeAll
    static void startSpark() {
        context = SparkMasters.start("local[1]", "TrainingMastersTest");
    }

    @AfterAll
    static void stopSpark() {
        context.close();
    }

    @Test
    void parameterAveraging() {
        ParameterAveragingTrainingMaster master = assertInstanceOf(ParameterAveragingTrainingMaster.class,
                TrainingMasters.build(SparkTraining.averaging(context).averagingFrequency(3).workers(4), 64, 16, 7L));
        assertEquals(16, master.getRddDataSetNumExamples());
        assertEquals(3, master.getAveragingFrequency());
        assertEquals(4, master.getNumWorkers());
        assertTrue(master.isSaveUpdater());
        String json = master.toJson();
        assertTrue(json.contains("\"batchSizePerWorker\" : 64")
                && json.contains("\"rddTrainingApproach\" : \"Direct\""), json);

        ParameterAveragingTrainingMaster exporting = assertInstanceOf(ParameterAveragingTrainingMaster.class,
                TrainingMasters.build(SparkTraining.averaging(context).exportDirectory("/tmp/k4j-export"), 32, 1, 1L));
        assertTrue(exporting.toJson().contains("\"rddTrainingApproach\" : \"Export\"")
                && exporting.toJson().contains("\"exportDirectory\" : \"/tmp/k4j-export\""), exporting.toJson());
        assertNull(exporting.getNumWorkers());
    }

    @Test
    void gradientSharingWarnsAboutMomentumOnly() {
        String warning = TrainingMasters.momentumWarning(TrainingMasterType.SHARING, new SGD().momentum(0.99));
        assertTrue(warning.startsWith("WARNING: gradient sharing does not train SGD with momentum well"), warning);
        assertTrue(warning.contains("SGD(momentum=0.99)") && warning.contains("--training-master averaging")
                && warning.contains("SGD without momentum or Adam"), warning);
        assertTrue(TrainingMasters.momentumWarning(TrainingMasterType.SHARING,
                new SGD().momentum(0.9).nesterov(true)).contains("SGD(momentum=0.9, nesterov=True)"));
        assertNull(TrainingMasters.momentumWarning(TrainingMasterType.AVERAGING, new SGD().momentum(0.99)));
        assertNull(TrainingMasters.momentumWarning(TrainingMasterType.SHARING, new SGD(0.1)));
        assertNull(TrainingMasters.momentumWarning(TrainingMasterType.SHARING, new SGD(0.1).nesterov(true)));
        assertNull(TrainingMasters.momentumWarning(TrainingMasterType.SHARING, new Adam()));
    }

    @Test
    void theMomentumIsReadFromTheOptimizersDescriptionWhateverItsClass() {
        String warning = TrainingMasters.momentumWarning(TrainingMasterType.SHARING, new RMSprop().momentum(0.9));
        assertTrue(warning.startsWith("WARNING: gradient sharing does not train RMSprop with momentum well"), warning);
        assertTrue(warning.contains("RMSprop(momentum=0.9)"), warning);
        assertNull(TrainingMasters.momentumWarning(TrainingMasterType.SHARING, new RMSprop()));
        assertEquals(Optional.of(0.9), new SGD().momentum(0.9).hyperparameter("momentum"));
        assertEquals(Optional.empty(), new Adam().hyperparameter("momentum"));
    }

    @Test
    void gradientSharing() {
        SharedTrainingMaster master = assertInstanceOf(SharedTrainingMaster.class, TrainingMasters.build(
                SparkTraining.sharing(context).threshold(2e-3).workers(1).port(40200), 50, 50, 9L));
        assertEquals(50, master.getRddDataSetNumExamples());
        assertEquals(1, master.getNumWorkersPerNode());
        assertEquals(RDDTrainingApproach.Direct, master.getRddTrainingApproach());
        assertEquals(new AdaptiveThresholdAlgorithm(2e-3), master.getThresholdAlgorithm());
        assertInstanceOf(NoOpRepartitioner.class, master.getRepartitioner());
        assertEquals(40200, master.getVoidConfiguration().getPortSupplier().getPort());
        assertEquals("127.0.0.1", master.getVoidConfiguration().getControllerAddress());
        assertEquals(TrainingMasters.AERON_UNBLOCK_TIMEOUT_NS, System.getProperty(TrainingMasters.AERON_UNBLOCK_TIMEOUT));
    }
}
