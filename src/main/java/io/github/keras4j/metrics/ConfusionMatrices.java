package io.github.keras4j.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Keras's {@code update_confusion_matrix_variables}: weighted true/false positive/negative counts at each of a sorted
 * list of thresholds, per label (one label unless AUC's {@code multi_label}). A prediction is positive at threshold
 * {@code t} when {@code y_pred > t}; a label is positive when it is not 0 (Keras casts it to bool).
 * <p>Each element is filed once, under the number of thresholds it exceeds (a prefix of the sorted thresholds), so an
 * update costs O(1) or O(log thresholds) per element and the counts per threshold are suffix sums at read time.
 * <p>For thresholds spread evenly over [0, 1] Keras takes its bucketed path, reproduced here: predictions are first
 * clipped to [0, 1] and the bucket is {@code ceil(y_pred * (n - 1)) - 1}, which is {@code y_pred > t_i} for the
 * thresholds {@code t_i = i / (n - 1)}, with the endpoints {@code -epsilon} and {@code 1 + epsilon} taking 0 and 1.
 */
final class ConfusionMatrices implements Serializable {

    private final double[] thresholds;
    private final boolean evenlyDistributed;
    private final boolean endpointsWithEpsilon;
    private final boolean float32;
    private final int labels;
    /** [exceeded][label]: the weight of positive labels whose prediction exceeds just {@code exceeded} thresholds. */
    private final double[] positives;
    private final double[] negatives;

    /**
     * @param thresholds ascending
     * @param evenlyDistributed whether Keras's {@code is_evenly_distributed_thresholds} holds, which selects its
     *     bucketed path
     */
    ConfusionMatrices(double[] thresholds, boolean evenlyDistributed, int labels, boolean float32) {
        this.thresholds = new double[thresholds.length];
        for (int i = 0; i < thresholds.length; i++) {
            this.thresholds[i] = MetricMath.inDtype(thresholds[i], float32);
        }
        this.evenlyDistributed = evenlyDistributed;
        this.endpointsWithEpsilon = thresholds[0] < 0 || thresholds[thresholds.length - 1] > 1;
        this.float32 = float32;
        this.labels = labels;
        this.positives = new double[(thresholds.length + 1) * labels];
        this.negatives = new double[(thresholds.length + 1) * labels];
    }

    int thresholdCount() {
        return thresholds.length;
    }

    int labels() {
        return labels;
    }

    /** Adds the counts of {@code other}, which has the same thresholds and labels. */
    void add(ConfusionMatrices other) {
        if (other.labels != labels || !Arrays.equals(other.thresholds, thresholds)) {
            throw new IllegalArgumentException("cannot merge confusion counts of " + other.labels + " labels at "
                    + other.thresholds.length + " thresholds into counts of " + labels + " labels at "
                    + thresholds.length + " thresholds");
        }
        for (int i = 0; i < positives.length; i++) {
            positives[i] += other.positives[i];
            negatives[i] += other.negatives[i];
        }
    }

    /** Files one label-prediction pair of {@code label} with this weight. */
    void add(double yTrue, double yPred, double weight, int label) {
        int index = exceededThresholds(MetricMath.inDtype(yPred, float32)) * labels + label;
        if (yTrue != 0) {
            positives[index] += weight;
        } else {
            negatives[index] += weight;
        }
    }

    private int exceededThresholds(double prediction) {
        if (Double.isNaN(prediction)) {
            return 0;
        }
        if (evenlyDistributed) {
            double clipped = Math.min(Math.max(prediction, 0), 1);
            int intervals = thresholds.length - 1;
            // Keras multiplies in the metric's dtype; the float product rounds differently from the double one.
            double scaled = float32 ? (double) ((float) clipped * (float) intervals) : clipped * intervals;
            int bucket = (int) Math.ceil(scaled) - 1;
            if (endpointsWithEpsilon) {
                bucket = Math.max(bucket, 0);
            }
            return bucket + 1;
        }
        int low = 0;
        int high = thresholds.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (prediction > thresholds[middle]) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** True positives, [threshold][label]. */
    double[] truePositives() {
        return exceeding(positives);
    }

    /** False positives, [threshold][label]. */
    double[] falsePositives() {
        return exceeding(negatives);
    }

    /** False negatives, [threshold][label]: the positive labels whose prediction does not exceed the threshold. */
    double[] falseNegatives() {
        return notExceeding(positives);
    }

    /** True negatives, [threshold][label]. */
    double[] trueNegatives() {
        return notExceeding(negatives);
    }

    private double[] exceeding(double[] filed) {
        int count = thresholds.length;
        double[] result = new double[count * labels];
        for (int label = 0; label < labels; label++) {
            double sum = 0;
            for (int threshold = count - 1; threshold >= 0; threshold--) {
                sum += filed[(threshold + 1) * labels + label];
                result[threshold * labels + label] = sum;
            }
        }
        return result;
    }

    private double[] notExceeding(double[] filed) {
        int count = thresholds.length;
        double[] result = new double[count * labels];
        for (int label = 0; label < labels; label++) {
            double sum = 0;
            for (int threshold = 0; threshold < count; threshold++) {
                sum += filed[threshold * labels + label];
                result[threshold * labels + label] = sum;
            }
        }
        return result;
    }

    void reset() {
        Arrays.fill(positives, 0);
        Arrays.fill(negatives, 0);
    }
}
