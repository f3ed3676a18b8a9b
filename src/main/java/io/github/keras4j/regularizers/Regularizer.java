package io.github.keras4j.regularizers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * A weight penalty, Keras's {@code keras.regularizers.L1L2} (and its special cases {@code L1} and {@code L2}):
 * {@code l1 * sum(|w|) + l2 * sum(w^2)}, added to the loss. Made by {@link Regularizers#l1(double)},
 * {@link Regularizers#l2(double)}, {@link Regularizers#l1L2(double, double)} or {@link Regularizers#get(String)}.
 * Immutable.
 * <p>
 * In DL4J terms (see {@link #toDl4j()}): DL4J's {@code L2Regularization(c)} adds {@code 0.5 * c * sum(w^2)}, so
 * Keras's l2 becomes {@code L2Regularization(2 * l2)}; L1 is the same formula in both. DL4J adds the penalty to
 * the score, and its gradient to the batch-mean loss gradient before the updater runs, as Keras does.
 */
public final class Regularizer {

    private final String className;
    private final double l1;
    private final double l2;

    Regularizer(String className, double l1, double l2) {
        this.className = className;
        this.l1 = checkPenalty("l1", l1);
        this.l2 = checkPenalty("l2", l2);
    }

    /** The L1 factor (0 when absent). */
    public double l1() {
        return l1;
    }

    /** The L2 factor (0 when absent). */
    public double l2() {
        return l2;
    }

    /** Keras's class name: {@code "L1"}, {@code "L2"} or {@code "L1L2"}. */
    public String className() {
        return className;
    }

    /** The arguments under Keras's config keys: {@code {l1}}, {@code {l2}} or {@code {l1, l2}} by class. */
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (!"L2".equals(className)) {
            config.put("l1", l1);
        }
        if (!"L1".equals(className)) {
            config.put("l2", l2);
        }
        return Collections.unmodifiableMap(config);
    }

    /** Keras's {@code regularizer(w)}: the penalty {@code l1 * sum(|w|) + l2 * sum(w^2)} for the weights {@code w}. */
    public double penalty(INDArray weights) {
        double penalty = 0.0;
        if (l1 != 0.0) {
            penalty += l1 * weights.norm1Number().doubleValue();
        }
        if (l2 != 0.0) {
            double norm2 = weights.norm2Number().doubleValue();
            penalty += l2 * norm2 * norm2;
        }
        return penalty;
    }

    /**
     * DL4J regularizations computing the same penalty and gradient: {@code L1Regularization(l1)} and
     * {@code L2Regularization(2 * l2)}, each only when its factor is non-zero (Keras skips zero factors too).
     * For a layer builder's {@code regularization(...)} / {@code regularizationBias(...)}; not DL4J's
     * {@code l2(double)}, which would halve Keras's L2 penalty.
     */
    public List<Regularization> toDl4j() {
        List<Regularization> regularizations = new ArrayList<>(2);
        if (l1 != 0.0) {
            regularizations.add(new L1Regularization(l1));
        }
        if (l2 != 0.0) {
            regularizations.add(new L2Regularization(2.0 * l2));
        }
        return regularizations;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Regularizer that && className.equals(that.className)
                && Double.compare(l1, that.l1) == 0 && Double.compare(l2, that.l2) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, l1, l2);
    }

    @Override
    public String toString() {
        return className + config();
    }

    /** Keras's {@code _check_penalty_number}: any finite number (Keras accepts negative factors too). */
    private static double checkPenalty(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, received: " + value);
        }
        return value;
    }
}
