package io.github.keras4j.metrics;

import io.github.keras4j.Backend;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The area under the ROC or precision-recall curve, Keras's {@code keras.metrics.AUC}: confusion counts at fixed
 * thresholds, accumulated over every batch since the last reset, then a Riemann sum over the curve they trace.
 * <p>Defaults as Keras: {@code num_thresholds} 200, {@code curve} ROC, {@code summation_method} interpolation, no
 * explicit {@code thresholds}, {@code multi_label} false, no {@code label_weights}, {@code from_logits} false, and a
 * session-unique name drawn at construction, as Keras does for {@code name=None}: {@code "auc"}, then
 * {@code "auc_1"}... until {@link Backend#clearSession()}.
 * <p>The thresholds are Keras's: {@code [0 - 1e-7] + [(i + 1) / (n - 1) for i in range(n - 2)] + [1 + 1e-7]}, or
 * {@code [0 - 1e-7] + sorted(thresholds) + [1 + 1e-7]} when given. A prediction is positive at a threshold when it
 * is greater, a label when it is not 0. For evenly spread thresholds (the default) Keras clips predictions to [0, 1]
 * first and so does this class; for other thresholds it compares unclipped predictions, as Keras.
 * <pre>{@code new AUC()      new AUC().numThresholds(500).curve("PR")      new AUC().fromLogits(true)}</pre>
 */
public final class AUC implements Metric {

    /** Keras's default {@code num_thresholds}: 200. */
    public static final int DEFAULT_NUM_THRESHOLDS = 200;

    /** Keras's {@code AUCCurve}: which curve's area is computed. */
    public enum Curve {
        /** Receiver operating characteristic: recall against the false positive rate (the default). */
        ROC,
        /** Precision against recall. */
        PR,
        /** Precision gain against recall gain (Flach and Kull 2015). */
        PR_GAIN;

        /** The curve by Keras's names: {@code "ROC"}/{@code "roc"}, {@code "PR"}/{@code "pr"}, {@code "PR_GAIN"}... */
        public static Curve of(String key) {
            if ("pr".equals(key) || "PR".equals(key)) {
                return PR;
            }
            if ("roc".equals(key) || "ROC".equals(key)) {
                return ROC;
            }
            if ("pr_gain".equals(key) || "prgain".equals(key) || "PR_GAIN".equals(key) || "PRGAIN".equals(key)) {
                return PR_GAIN;
            }
            throw new IllegalArgumentException(
                    "Invalid AUC curve value: \"" + key + "\". Expected values are [\"PR\", \"ROC\", \"PR_GAIN\"]");
        }
    }

    /** Keras's {@code AUCSummationMethod}: the height given to each interval between two thresholds. */
    public enum SummationMethod {
        /** The mean of both ends (for PR, Davis and Goadrich's interpolation of the counts); the default. */
        INTERPOLATION,
        /** The larger end: an upper bound. */
        MAJORING,
        /** The smaller end: a lower bound. */
        MINORING;

        /**
         * The method by Keras name: {@code "interpolation"}, {@code "majoring"} or {@code "minoring"}, the first letter
         * in either case.
         */
        public static SummationMethod of(String key) {
            if ("interpolation".equals(key) || "Interpolation".equals(key)) {
                return INTERPOLATION;
            }
            if ("majoring".equals(key) || "Majoring".equals(key)) {
                return MAJORING;
            }
            if ("minoring".equals(key) || "Minoring".equals(key)) {
                return MINORING;
            }
            throw new IllegalArgumentException("Invalid AUC summation method value: \"" + key
                    + "\". Expected values are [\"interpolation\", \"majoring\", \"minoring\"]");
        }
    }

    private final String name;
    private final int numThresholds;
    /** The thresholds set by the user (sorted), or null for {@link #numThresholds} evenly spread ones. */
    private final double[] explicitThresholds;
    private final Curve curve;
    private final SummationMethod summationMethod;
    private final boolean multiLabel;
    private final double[] labelWeights;
    private final boolean fromLogits;
    /** Every threshold, endpoints included. */
    private final double[] thresholds;
    private final boolean evenlyDistributed;

    /** AUC with Keras's defaults, named {@code "auc"}, or {@code "auc_1"}... if taken in this session. */
    public AUC() {
        this(Backend.uniqueName("auc"), DEFAULT_NUM_THRESHOLDS, null, Curve.ROC, SummationMethod.INTERPOLATION, false,
                null, false);
    }

    private AUC(String name, int numThresholds, double[] explicitThresholds, Curve curve,
            SummationMethod summationMethod, boolean multiLabel, double[] labelWeights, boolean fromLogits) {
        this.name = MetricMath.checkName(name);
        this.curve = Objects.requireNonNull(curve, "curve");
        this.summationMethod = Objects.requireNonNull(summationMethod, "summationMethod");
        this.multiLabel = multiLabel;
        this.labelWeights = labelWeights;
        this.fromLogits = fromLogits;
        this.explicitThresholds = explicitThresholds;
        double[] inner;
        if (explicitThresholds != null) {
            inner = explicitThresholds;
            this.numThresholds = inner.length + 2;
            double[] withEnds = new double[inner.length + 2];
            System.arraycopy(inner, 0, withEnds, 1, inner.length);
            withEnds[withEnds.length - 1] = 1;
            this.evenlyDistributed = evenlyDistributed(withEnds);
        } else {
            if (numThresholds <= 1) {
                throw new IllegalArgumentException(
                        "num_thresholds must be an integer > 1, received: num_thresholds=" + numThresholds);
            }
            this.numThresholds = numThresholds;
            inner = new double[numThresholds - 2];
            for (int i = 0; i < inner.length; i++) {
                inner[i] = (i + 1) * 1.0 / (numThresholds - 1);
            }
            this.evenlyDistributed = true;
        }
        // Keras adds endpoints below 0 and above 1 so that predictions of exactly 0 or 1 fall inside.
        this.thresholds = new double[inner.length + 2];
        this.thresholds[0] = 0.0 - Backend.EPSILON;
        System.arraycopy(inner, 0, this.thresholds, 1, inner.length);
        this.thresholds[this.thresholds.length - 1] = 1.0 + Backend.EPSILON;
    }

    /** Keras's defaults under this name, drawing no session-unique name. */
    public static AUC named(String name) {
        return new AUC(name, DEFAULT_NUM_THRESHOLDS, null, Curve.ROC, SummationMethod.INTERPOLATION, false, null,
                false);
    }

    /**
     * Keras's {@code is_evenly_distributed_thresholds}: {@code np.allclose(t, arange(n, float32) / (n - 1),
     * atol=1e-7)} for three thresholds or more.
     */
    private static boolean evenlyDistributed(double[] candidate) {
        int count = candidate.length;
        if (count < 3) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            double even = (float) i / (float) (count - 1);
            // numpy's allclose: |a - b| <= atol + rtol * |b|, rtol 1e-5.
            if (!(Math.abs(candidate[i] - even) <= Backend.EPSILON + 1e-5 * Math.abs(even))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String kerasName() {
        return name;
    }

    /** A copy logged under this name. */
    public AUC name(String name) {
        return new AUC(name, numThresholds, explicitThresholds, curve, summationMethod, multiLabel, labelWeights,
                fromLogits);
    }

    /** The number of thresholds, endpoints included: default 200, or the explicit thresholds plus 2. */
    public int numThresholds() {
        return numThresholds;
    }

    /** A copy with this many evenly spread thresholds (&gt; 1), endpoints included; explicit thresholds are dropped. */
    public AUC numThresholds(int numThresholds) {
        return new AUC(name, numThresholds, null, curve, summationMethod, multiLabel, labelWeights, fromLogits);
    }

    /** Every threshold, endpoints {@code -1e-7} and {@code 1 + 1e-7} included (Keras's {@code thresholds} property). */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * A copy with these thresholds, each in [0, 1], between the endpoints Keras adds ({@code num_thresholds} becomes
     * their count plus 2). Keras sorts them, and takes its faster clipping path when they are evenly spread.
     */
    public AUC thresholds(double... thresholds) {
        Objects.requireNonNull(thresholds, "thresholds");
        double[] sorted = thresholds.clone();
        for (double threshold : sorted) {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("thresholds must be in [0, 1], received: " + threshold);
            }
        }
        Arrays.sort(sorted);
        return new AUC(name, numThresholds, sorted, curve, summationMethod, multiLabel, labelWeights, fromLogits);
    }

    /** The curve; default {@link Curve#ROC}. */
    public Curve curve() {
        return curve;
    }

    /** A copy computing the area under this curve. */
    public AUC curve(Curve curve) {
        return new AUC(name, numThresholds, explicitThresholds, curve, summationMethod, multiLabel, labelWeights,
                fromLogits);
    }

    /** A copy computing the area under the curve Keras names so: {@code "ROC"}, {@code "PR"} or {@code "PR_GAIN"}. */
    public AUC curve(String curve) {
        return curve(Curve.of(curve));
    }

    /** The summation method; default {@link SummationMethod#INTERPOLATION}. */
    public SummationMethod summationMethod() {
        return summationMethod;
    }

    /** A copy with this summation method. */
    public AUC summationMethod(SummationMethod summationMethod) {
        return new AUC(name, numThresholds, explicitThresholds, curve, summationMethod, multiLabel, labelWeights,
                fromLogits);
    }

    /** A copy with the summation method Keras names so: {@code "interpolation"}, {@code "majoring"}... */
    public AUC summationMethod(String summationMethod) {
        return summationMethod(SummationMethod.of(summationMethod));
    }

    /** Whether each output column gets its own AUC, averaged at the end; default false (all elements pooled). */
    public boolean multiLabel() {
        return multiLabel;
    }

    /** A copy that computes one AUC per output column and averages them (true) or pools every element (false). */
    public AUC multiLabel(boolean multiLabel) {
        return new AUC(name, numThresholds, explicitThresholds, curve, summationMethod, multiLabel, labelWeights,
                fromLogits);
    }

    /** The label weights, or null when unset (the default). */
    public double[] labelWeights() {
        return labelWeights == null ? null : labelWeights.clone();
    }

    /**
     * A copy with one non-negative weight per output column: with {@code multi_label} they weigh the per-column AUCs
     * in the average, without it they weigh each column's elements in the pooled counts.
     */
    public AUC labelWeights(double... labelWeights) {
        Objects.requireNonNull(labelWeights, "labelWeights");
        for (double weight : labelWeights) {
            if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(
                        "All values of label_weights must be non-negative, received: " + weight);
            }
        }
        return new AUC(name, numThresholds, explicitThresholds, curve, summationMethod, multiLabel,
                labelWeights.clone(), fromLogits);
    }

    /** Whether predictions are logits that get a sigmoid first; default false. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** A copy that applies a sigmoid to predictions first (for a model whose last layer is linear). */
    public AUC fromLogits(boolean fromLogits) {
        return new AUC(name, numThresholds, explicitThresholds, curve, summationMethod, multiLabel, labelWeights,
                fromLogits);
    }

    @Override
    public String className() {
        return "AUC";
    }

    /**
     * Keras's {@code get_config()}: name, num_thresholds, curve, summation_method, multi_label, num_labels (None:
     * keras4j takes the count from the model), label_weights, from_logits, and thresholds when they were given.
     */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("num_thresholds", numThresholds);
        config.put("curve", curve.name());
        config.put("summation_method", summationMethod.name().toLowerCase(Locale.ROOT));
        config.put("multi_label", multiLabel);
        config.put("num_labels", null);
        config.put("label_weights", labelWeights == null ? null : Arrays.stream(labelWeights).boxed().toList());
        config.put("from_logits", fromLogits);
        if (explicitThresholds != null) {
            config.put("thresholds", Arrays.stream(explicitThresholds).boxed().toList());
        }
        return config;
    }

    @Override
    public MetricState newState() {
        return new State(this, MetricMath.float32());
    }

    @Override
    public void checkCompatible(int outputUnits, int labelColumns) {
        MetricMath.checkSameColumns(name, "auc", outputUnits, labelColumns, null);
        if (labelWeights != null && labelWeights.length != outputUnits) {
            throw new IllegalArgumentException("metric '" + name + "' has " + labelWeights.length
                    + " label_weights, but the model has " + MetricMath.units(outputUnits)
                    + ": give one weight per unit");
        }
    }

    /** The area for one label of counts laid out [threshold][label], as Keras's {@code AUC.result()}. */
    private double area(double[] tp, double[] fp, double[] tn, double[] fn, int labels, int label) {
        int count = thresholds.length;
        if (curve == Curve.PR && summationMethod == SummationMethod.INTERPOLATION) {
            return interpolatedPrArea(tp, fp, fn, labels, label);
        }
        double[] x = new double[count];
        double[] y = new double[count];
        for (int i = 0; i < count; i++) {
            int at = i * labels + label;
            double recall = MetricMath.divideNoNan(tp[at], tp[at] + fn[at]);
            if (curve == Curve.ROC) {
                x[i] = MetricMath.divideNoNan(fp[at], fp[at] + tn[at]);
                y[i] = recall;
            } else if (curve == Curve.PR) {
                x[i] = recall;
                y[i] = MetricMath.divideNoNan(tp[at], tp[at] + fp[at]);
            } else {
                // Keras sets recall gain 0 and precision gain 1 where there is no true positive, and clips negative
                // recall gains to 0.
                double scaling = MetricMath.divideNoNan(tp[at] + fn[at], fp[at] + tn[at]);
                double recallGain = 1.0 - scaling * MetricMath.divideNoNan(fn[at], tp[at]);
                double precisionGain = 1.0 - scaling * MetricMath.divideNoNan(fp[at], tp[at]);
                if (tp[at] == 0) {
                    recallGain = 0;
                    precisionGain = 1;
                }
                x[i] = Math.max(recallGain, 0);
                y[i] = precisionGain;
            }
        }
        double sum = 0;
        for (int i = 0; i < count - 1; i++) {
            double height = switch (summationMethod) {
                case INTERPOLATION -> (y[i] + y[i + 1]) / 2.0;
                case MINORING -> Math.min(y[i], y[i + 1]);
                case MAJORING -> Math.max(y[i], y[i + 1]);
            };
            sum += (x[i] - x[i + 1]) * height;
        }
        return sum;
    }

    /** Keras's {@code interpolate_pr_auc} (Davis and Goadrich 2006, in closed form). */
    private double interpolatedPrArea(double[] tp, double[] fp, double[] fn, int labels, int label) {
        double sum = 0;
        for (int i = 0; i < thresholds.length - 1; i++) {
            int at = i * labels + label;
            int next = at + labels;
            double truePositivesDrop = tp[at] - tp[next];
            double predictedPositives = tp[at] + fp[at];
            double nextPredictedPositives = tp[next] + fp[next];
            double slope = MetricMath.divideNoNan(truePositivesDrop,
                    Math.max(predictedPositives - nextPredictedPositives, 0));
            double intercept = tp[next] - slope * nextPredictedPositives;
            double ratio = predictedPositives > 0 && nextPredictedPositives > 0
                    ? MetricMath.divideNoNan(predictedPositives, Math.max(nextPredictedPositives, 0))
                    : 1;
            sum += MetricMath.divideNoNan(slope * (truePositivesDrop + intercept * Math.log(ratio)),
                    Math.max(tp[next] + fn[next], 0));
        }
        return sum;
    }

    private static final class State implements MetricState {
        private final AUC metric;
        private final boolean float32;
        /** Built on the first batch when multi-label, as Keras builds its variables from the first shape. */
        private ConfusionMatrices counts;

        State(AUC metric, boolean float32) {
            this.metric = metric;
            this.float32 = float32;
            if (!metric.multiLabel) {
                counts = new ConfusionMatrices(metric.thresholds, metric.evenlyDistributed, 1, float32);
            }
        }

        @Override
        public void update(double[] yTrue, int labelColumns, double[] yPred, int rows, int cols) {
            MetricMath.checkBatch(metric, yTrue, labelColumns, yPred, rows, cols);
            if (counts == null) {
                counts = new ConfusionMatrices(metric.thresholds, metric.evenlyDistributed, cols, float32);
            } else if (metric.multiLabel && counts.labels() != cols) {
                throw new IllegalArgumentException("metric '" + metric.name + "' (multi_label) counted "
                        + counts.labels() + " labels so far, received a batch with " + cols
                        + ": Number of labels is not consistent.");
            }
            double[] elementWeights = metric.multiLabel ? null : metric.labelWeights;
            for (int row = 0; row < rows; row++) {
                int offset = row * cols;
                for (int column = 0; column < cols; column++) {
                    double prediction = yPred[offset + column];
                    if (metric.fromLogits) {
                        prediction = 1.0 / (1.0 + Math.exp(-MetricMath.inDtype(prediction, float32)));
                    }
                    double weight = elementWeights == null ? 1 : elementWeights[column];
                    counts.add(yTrue[offset + column], prediction, weight, metric.multiLabel ? column : 0);
                }
            }
        }

        @Override
        public double result() {
            if (counts == null) {
                return 0;
            }
            double[] tp = counts.truePositives();
            double[] fp = counts.falsePositives();
            double[] tn = counts.trueNegatives();
            double[] fn = counts.falseNegatives();
            int labels = counts.labels();
            if (!metric.multiLabel) {
                return metric.area(tp, fp, tn, fn, 1, 0);
            }
            double sum = 0;
            double weightSum = 0;
            for (int label = 0; label < labels; label++) {
                double weight = metric.labelWeights == null ? 1 : metric.labelWeights[label];
                sum += weight * metric.area(tp, fp, tn, fn, labels, label);
                weightSum += weight;
            }
            return metric.labelWeights == null ? sum / labels : MetricMath.divideNoNan(sum, weightSum);
        }

        @Override
        public void reset() {
            if (counts != null) {
                counts.reset();
            }
        }

        @Override
        public void merge(MetricState other) {
            ConfusionMatrices partial = ((State) other).counts;
            if (partial == null) {
                return;
            }
            if (counts == null) {
                counts = new ConfusionMatrices(metric.thresholds, metric.evenlyDistributed, partial.labels(), float32);
            }
            counts.add(partial);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AUC that && name.equals(that.name) && numThresholds == that.numThresholds
                && Arrays.equals(explicitThresholds, that.explicitThresholds) && curve == that.curve
                && summationMethod == that.summationMethod && multiLabel == that.multiLabel
                && Arrays.equals(labelWeights, that.labelWeights) && fromLogits == that.fromLogits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, numThresholds, Arrays.hashCode(explicitThresholds), curve, summationMethod,
                multiLabel, Arrays.hashCode(labelWeights), fromLogits);
    }

    @Override
    public String toString() {
        return "AUC(name=" + name + ", num_thresholds=" + numThresholds + ", curve=" + curve + ", summation_method="
                + summationMethod.name().toLowerCase(java.util.Locale.ROOT) + ", thresholds="
                + (explicitThresholds == null ? null : Arrays.toString(explicitThresholds)) + ", multi_label="
                + multiLabel + ", label_weights=" + (labelWeights == null ? null : Arrays.toString(labelWeights))
                + ", from_logits=" + fromLogits + ")";
    }
}
