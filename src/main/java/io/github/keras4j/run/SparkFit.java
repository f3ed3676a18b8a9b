package io.github.keras4j.run;

import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Model;
import io.github.keras4j.spark.SparkMasters;
import io.github.keras4j.spark.SparkTraining;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fit of a run config with a {@code spark} section (or {@code --spark}): starts a Spark context on the config's
 * master, trains the arrays on it and stops it; evaluation and prediction then run on the driver, as after any fit.
 * Loaded only after {@code SparkClasspath.require()} has found Spark.
 */
final class SparkFit {

    private SparkFit() {
    }

    static History fit(SparkConfig spark, String runName, Model model, INDArray x, INDArray y, Fit fit) {
        try (JavaSparkContext context = SparkMasters.start(spark.master(), "keras4j " + runName)) {
            SparkTraining training = SparkTraining.of(context, spark.trainingMaster());
            if (spark.averagingFrequency() != null) {
                training = training.averagingFrequency(spark.averagingFrequency());
            }
            if (spark.threshold() != null) {
                training = training.threshold(spark.threshold());
            }
            if (spark.port() != null) {
                training = training.port(spark.port());
            }
            if (spark.workers() != null) {
                training = training.workers(spark.workers());
            }
            if (spark.exportDirectory() != null) {
                training = training.exportDirectory(spark.exportDirectory());
            }
            return model.fit(training.distribute(x, y), fit);
        }
    }
}
