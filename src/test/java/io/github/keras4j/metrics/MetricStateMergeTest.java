package io.github.keras4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Merging the states of two partitions (as a Spark evaluation does, after Java serialization) gives the metric
 * over both, exactly as one state fed every batch.
 */
class MetricStateMergeTest {

    private static final double[][] LABELS_1 = {{1, 0}, {0, 1}, {1, 0}};
    private static final double[][] PREDICTIONS_1 = {{0.8, 0.3}, {0.4, 0.9}, {0.35, 0.6}};
    private static final double[][] LABELS_2 = {{0, 1}, {0, 1}};
    private static final double[][] PREDICTIONS_2 = {{0.7, 0.2}, {0.1, 0.55}};

    static Stream<Metric> metrics() {
        return Stream.of(Metrics.get("binary_accuracy"), Metrics.get("categorical_accuracy"), Metrics.get("mse"),
                Metrics.get("mae"), new Precision(), new Recall().thresholds(0.3), new Precision().classId(1),
                new AUC(), new AUC().curve("PR"), new AUC().multiLabel(true), new AUC().thresholds(0.2, 0.5, 0.65));
    }

    @ParameterizedTest
    @MethodSource("metrics")
    void mergedPartitionsEqualOneStateFedEveryBatch(Metric metric) throws Exception {
        MetricState whole = metric.newState();
        Batches.feed(whole, LABELS_1, PREDICTIONS_1);
        Batches.feed(whole, LABELS_2, PREDICTIONS_2);

        MetricState first = Batches.feed(metric.newState(), LABELS_1, PREDICTIONS_1);
        MetricState second = serialized(Batches.feed(metric.newState(), LABELS_2, PREDICTIONS_2));
        first.merge(second);
        assertEquals(whole.result(), first.result(), 1e-12, metric.toString());
    }

    @ParameterizedTest
    @MethodSource("metrics")
    void anEmptyPartitionChangesNothingOnEitherSide(Metric metric) throws Exception {
        MetricState fed = Batches.feed(metric.newState(), LABELS_1, PREDICTIONS_1);
        double expected = fed.result();
        fed.merge(serialized(metric.newState()));
        assertEquals(expected, fed.result(), 1e-12, metric.toString());

        MetricState empty = metric.newState();
        empty.merge(serialized(Batches.feed(metric.newState(), LABELS_1, PREDICTIONS_1)));
        assertEquals(expected, empty.result(), 1e-12, metric.toString());
    }

    @Test
    void statesOfDifferentThresholdsDoNotMerge() {
        MetricState fine = Batches.feed(new AUC().numThresholds(50).newState(), LABELS_1, PREDICTIONS_1);
        MetricState coarse = Batches.feed(new AUC().numThresholds(10).newState(), LABELS_1, PREDICTIONS_1);
        assertThrows(IllegalArgumentException.class, () -> fine.merge(coarse));
    }

    private static MetricState serialized(MetricState state) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (MetricState) in.readObject();
        }
    }
}
