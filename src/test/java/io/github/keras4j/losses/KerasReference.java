package io.github.keras4j.losses;

import java.util.function.IntToDoubleFunction;

/**
 * Keras's per-sample losses written out in plain Java doubles, straight from tf_keras's losses.py and backend.py,
 * independently of the ND4J implementations under test. Each takes the labels and the pre-activation outputs z of a
 * batch and the activation, and returns one loss per sample.
 */
final class KerasReference {

    static final double EPS = 1e-7;

    private KerasReference() {
    }

    /** The activations the tests use, applied to one row. */
    enum Act {
        IDENTITY, SIGMOID, SOFTMAX, TANH, RELU;

        double[] apply(double[] z) {
            double[] a = new double[z.length];
            switch (this) {
                case IDENTITY -> System.arraycopy(z, 0, a, 0, z.length);
                case SIGMOID -> {
                    for (int j = 0; j < z.length; j++) {
                        a[j] = 1.0 / (1.0 + Math.exp(-z[j]));
                    }
                }
                case TANH -> {
                    for (int j = 0; j < z.length; j++) {
                        a[j] = Math.tanh(z[j]);
                    }
                }
                case RELU -> {
                    for (int j = 0; j < z.length; j++) {
                        a[j] = Math.max(z[j], 0.0);
                    }
                }
                case SOFTMAX -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : z) {
                        max = Math.max(max, v);
                    }
                    double sum = 0;
                    for (int j = 0; j < z.length; j++) {
                        a[j] = Math.exp(z[j] - max);
                        sum += a[j];
                    }
                    for (int j = 0; j < z.length; j++) {
                        a[j] /= sum;
                    }
                }
                default -> throw new IllegalStateException(name());
            }
            return a;
        }
    }

    /** A Keras loss over a batch: labels y [n][k], pre-activations z [n][m], activation; one loss per sample. */
    interface BatchLoss {
        double[] losses(double[][] y, double[][] z, Act act);
    }

    /** A loss that looks at one sample at a time: labels, activated outputs p and pre-activations z. */
    interface SampleLoss {
        double loss(double[] y, double[] p, double[] z);
    }

    static BatchLoss perSample(SampleLoss loss) {
        return (y, z, act) -> {
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = loss.loss(y[i], act.apply(z[i]), z[i]);
            }
            return out;
        };
    }

    static double clip(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    static double mean(double[] a, IntToDoubleFunction f) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += f.applyAsDouble(j);
        }
        return s / a.length;
    }

    static double sum(double[] a, IntToDoubleFunction f) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += f.applyAsDouble(j);
        }
        return s;
    }

    static final BatchLoss MSE = perSample((y, p, z) -> mean(p, j -> (p[j] - y[j]) * (p[j] - y[j])));

    static final BatchLoss MAE = perSample((y, p, z) -> mean(p, j -> Math.abs(p[j] - y[j])));

    static final BatchLoss MAPE = perSample((y, p, z) ->
            100.0 * mean(p, j -> Math.abs((y[j] - p[j]) / Math.max(Math.abs(y[j]), EPS))));

    static final BatchLoss MSLE = perSample((y, p, z) -> mean(p, j -> {
        double d = Math.log(Math.max(p[j], EPS) + 1.0) - Math.log(Math.max(y[j], EPS) + 1.0);
        return d * d;
    }));

    /** backend.binary_crossentropy on probabilities (clip, then log(p + eps) and log(1 - p + eps)). */
    static final SampleLoss BCE_PROBABILITIES = (y, p, z) -> mean(p, j -> {
        double q = clip(p[j], EPS, 1 - EPS);
        return -(y[j] * Math.log(q + EPS) + (1 - y[j]) * Math.log(1 - q + EPS));
    });

    /** tf.nn.sigmoid_cross_entropy_with_logits, used by tf.keras when the output comes from a sigmoid. */
    static final SampleLoss BCE_LOGITS = (y, p, z) ->
            mean(z, j -> Math.max(z[j], 0) - z[j] * y[j] + Math.log1p(Math.exp(-Math.abs(z[j]))));

    static final BatchLoss BCE = (y, z, act) ->
            perSample(act == Act.SIGMOID ? BCE_LOGITS : BCE_PROBABILITIES).losses(y, z, act);

    static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    static final SampleLoss CCE_LOGITS = (y, p, z) -> sum(z, j -> y[j] * (logSumExp(z) - z[j]));

    static final SampleLoss CCE_PROBABILITIES = (y, p, z) -> {
        double total = sum(p, j -> p[j]);
        return -sum(p, j -> y[j] * Math.log(clip(p[j] / total, EPS, 1 - EPS)));
    };

    static final BatchLoss CCE = (y, z, act) ->
            perSample(act == Act.SOFTMAX ? CCE_LOGITS : CCE_PROBABILITIES).losses(y, z, act);

    /** Labels are one column of class indices; int64 cast truncates. */
    static final BatchLoss SPARSE_CCE = (y, z, act) -> {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            int label = (int) y[i][0];
            if (act == Act.SOFTMAX) {
                out[i] = logSumExp(z[i]) - z[i][label];
            } else {
                double[] p = act.apply(z[i]);
                double[] logs = new double[p.length];
                for (int j = 0; j < p.length; j++) {
                    logs[j] = Math.log(clip(p[j], EPS, 1 - EPS));
                }
                out[i] = logSumExp(logs) - logs[label];
            }
        }
        return out;
    };

    /** Keras's label smoothing towards {@code 1 / classes}, or towards 0.5 when {@code classes} is 2 of binary. */
    static double[][] smooth(double[][] y, double labelSmoothing, double towards) {
        double[][] out = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            out[i] = new double[y[i].length];
            for (int j = 0; j < y[i].length; j++) {
                out[i][j] = y[i][j] * (1 - labelSmoothing) + towards * labelSmoothing;
            }
        }
        return out;
    }

    /**
     * keras.losses.BinaryCrossentropy(from_logits, label_smoothing): labels y (1 - s) + 0.5 s; after a sigmoid Keras
     * takes the sigmoid's input as the logits whatever from_logits says; with from_logits the activated output is.
     */
    static BatchLoss bce(boolean fromLogits, double labelSmoothing) {
        return (y, z, act) -> {
            double[][] smoothed = smooth(y, labelSmoothing, 0.5);
            if (act == Act.SIGMOID || !fromLogits) {
                return BCE.losses(smoothed, z, act);
            }
            return perSample((yy, a, zz) -> BCE_LOGITS.loss(yy, null, a)).losses(smoothed, z, act);
        };
    }

    /** keras.losses.CategoricalCrossentropy(from_logits, label_smoothing): labels y (1 - s) + s / classes. */
    static BatchLoss cce(boolean fromLogits, double labelSmoothing) {
        return (y, z, act) -> {
            double[][] smoothed = smooth(y, labelSmoothing, 1.0 / y[0].length);
            if (act == Act.SOFTMAX || !fromLogits) {
                return CCE.losses(smoothed, z, act);
            }
            return perSample((yy, a, zz) -> CCE_LOGITS.loss(yy, null, a)).losses(smoothed, z, act);
        };
    }

    /** keras.losses.SparseCategoricalCrossentropy(from_logits=True): the activated output as logits. */
    static final BatchLoss SPARSE_CCE_FROM_LOGITS = (y, z, act) -> {
        if (act == Act.SOFTMAX) {
            return SPARSE_CCE.losses(y, z, act);
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double[] a = act.apply(z[i]);
            out[i] = logSumExp(a) - a[(int) y[i][0]];
        }
        return out;
    };

    /** Keras's _maybe_convert_labels: 2y - 1 when every label of the batch is 0 or 1. */
    static double[][] maybeConvertLabels(double[][] y) {
        for (double[] row : y) {
            for (double v : row) {
                if (v != 0.0 && v != 1.0) {
                    return y;
                }
            }
        }
        double[][] converted = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            converted[i] = new double[y[i].length];
            for (int j = 0; j < y[i].length; j++) {
                converted[i][j] = 2 * y[i][j] - 1;
            }
        }
        return converted;
    }

    static final BatchLoss HINGE = (y, z, act) -> perSample((yy, p, zz) ->
            mean(p, j -> Math.max(1 - yy[j] * p[j], 0.0))).losses(maybeConvertLabels(y), z, act);

    static final BatchLoss SQUARED_HINGE = (y, z, act) -> perSample((yy, p, zz) ->
            mean(p, j -> Math.pow(Math.max(1 - yy[j] * p[j], 0.0), 2))).losses(maybeConvertLabels(y), z, act);

    static final BatchLoss KLD = perSample((y, p, z) -> sum(p, j -> {
        double t = clip(y[j], EPS, 1);
        return t * Math.log(t / clip(p[j], EPS, 1));
    }));

    static final BatchLoss POISSON = perSample((y, p, z) -> mean(p, j -> p[j] - y[j] * Math.log(p[j] + EPS)));

    static double[] l2Normalize(double[] x) {
        double squares = sum(x, j -> x[j] * x[j]);
        double inverse = 1.0 / Math.sqrt(Math.max(squares, 1e-12));
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = x[j] * inverse;
        }
        return out;
    }

    static final BatchLoss COSINE_SIMILARITY = perSample((y, p, z) -> {
        double[] u = l2Normalize(y);
        double[] v = l2Normalize(p);
        return -sum(u, j -> u[j] * v[j]);
    });

    static final BatchLoss LOG_COSH = perSample((y, p, z) -> mean(p, j -> Math.log(Math.cosh(p[j] - y[j]))));

    static BatchLoss huber(double delta) {
        return perSample((y, p, z) -> mean(p, j -> {
            double x = Math.abs(p[j] - y[j]);
            return x <= delta ? 0.5 * x * x : delta * x - 0.5 * delta * delta;
        }));
    }

    static final BatchLoss SUM_SQUARED_ERROR = perSample((y, p, z) -> sum(p, j -> (p[j] - y[j]) * (p[j] - y[j])));

    /** Central differences of each sample's loss with respect to each pre-activation. */
    static double[][] numericGradient(BatchLoss loss, double[][] y, double[][] z, Act act, double step) {
        double[][] gradient = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                double[][] plus = copy(z);
                double[][] minus = copy(z);
                plus[i][j] += step;
                minus[i][j] -= step;
                gradient[i][j] = (loss.losses(y, plus, act)[i] - loss.losses(y, minus, act)[i]) / (2 * step);
            }
        }
        return gradient;
    }

    static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
