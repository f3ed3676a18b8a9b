package io.github.keras4j.initializers.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndReplace;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** In-place random fills through ND4J's global RNG, the one DL4J seeds from the configuration. */
final class RandomFill {

    /** Keras and TensorFlow redraw values more than this many standard deviations from the mean. */
    static final double TRUNCATION_STDDEVS = 2.0;
    /** Far beyond need (0.046^100 of a value survives): a bound that turns an ND4J malfunction into an error. */
    private static final int MAX_REDRAW_PASSES = 100;

    private RandomFill() {
    }

    static void normal(INDArray target, double mean, double stddev) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(target, mean, stddev), Nd4j.getRandom());
    }

    static void uniform(INDArray target, double minval, double maxval) {
        Nd4j.getExecutioner().exec(new UniformDistribution(target, minval, maxval), Nd4j.getRandom());
    }

    /**
     * Fills {@code target} from N(mean, stddev^2) truncated to mean +- 2 stddev, as TensorFlow's truncated_normal:
     * values outside are dropped and drawn again until none is left.
     * <p>
     * ND4J's own {@code TruncatedNormalDistribution} op (and so DL4J's VAR_SCALING_NORMAL_* inits) is not used:
     * in 1.0.0-M2.1 it writes the smallest normal double (2.2e-308) in place of about half of the rejected draws,
     * which leaves 2.3% of the values at zero and a standard deviation of 0.871 instead of 0.880.
     */
    static void truncatedNormal(INDArray target, double mean, double stddev) {
        normal(target, 0.0, 1.0);
        Condition outside = Conditions.absGreaterThan(TRUNCATION_STDDEVS);
        long left = count(target, outside);
        if (left > 0) {
            // Each pass redraws every value still outside; 4.6% survive a pass, so a million values need about 5.
            INDArray redraw = target.ulike();
            for (int pass = 0; left > 0; pass++) {
                if (pass == MAX_REDRAW_PASSES) {
                    throw new IllegalStateException(left + " values still beyond 2 stddev after " + pass + " redraws");
                }
                normal(redraw, 0.0, 1.0);
                Nd4j.getExecutioner().exec(new CompareAndReplace(target, redraw, target, outside));
                left = count(target, outside);
            }
        }
        target.muli(stddev);
        if (mean != 0.0) {
            target.addi(mean);
        }
    }

    private static long count(INDArray array, Condition condition) {
        return Nd4j.getExecutioner().exec(new MatchCondition(array, condition)).getLong(0);
    }
}
