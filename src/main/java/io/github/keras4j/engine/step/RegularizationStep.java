package io.github.keras4j.engine.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The L1 and L2 penalties of DL4J's layers (keras4j's kernel and bias regularizers) in a compiled step: their
 * gradients added to a parameter's gradient before the updater runs ({@code L2Regularization.apply}:
 * {@code g += c w}; L1: {@code g += c sign(w)}), and their share of the score.
 */
final class RegularizationStep {

    private RegularizationStep() {
    }

    /** The kernel adding the gradient of {@code param}'s penalties, those applied before the updater. */
    static Kernel gradient(TrainingConfig config, String param, INDArray paramView, INDArray gradientView,
            Buffers buffers) {
        List<Kernel> kernels = new ArrayList<>();
        for (Regularization regularization : regularizations(config, param)) {
            if (regularization.applyStep() != Regularization.ApplyStep.BEFORE_UPDATER) {
                throw new UnsupportedOperationException("regularization " + regularization
                        + " (applied after the updater) has no compiled form");
            }
            if (regularization instanceof L2Regularization l2) {
                kernels.add(Kernels.of(new Axpy(paramView, gradientView, gradientView, constant(l2.getL2()))));
            } else if (regularization instanceof L1Regularization l1) {
                INDArray sign = buffers.array(paramView.ordering(), paramView.shape());
                kernels.add(Kernels.of(new Sign(paramView, sign)));
                kernels.add(Kernels.of(new Axpy(sign, gradientView, gradientView, constant(l1.getL1()))));
            } else {
                throw new UnsupportedOperationException("regularization " + regularization + " has no compiled form");
            }
        }
        return Kernel.sequence(kernels.toArray(new Kernel[0]));
    }

    /**
     * DL4J's {@code MultiLayerNetwork.calcRegularizationScore}: each layer's sum over its parameters and their
     * penalties, summed over the layers in that order (so that the double sums round as DL4J's do).
     */
    static ScoreKernel score(List<Layer> layers, Buffers buffers) {
        List<ScoreKernel> layerScores = new ArrayList<>();
        for (Layer layer : layers) {
            if (!(layer instanceof org.deeplearning4j.nn.layers.BaseLayer<?>)) {
                continue;
            }
            List<ScoreKernel> terms = new ArrayList<>();
            for (Map.Entry<String, INDArray> entry : layer.paramTable().entrySet()) {
                for (Regularization regularization : regularizations(layer.getConfig(), entry.getKey())) {
                    terms.add(term(regularization, entry.getValue(), buffers));
                }
            }
            if (!terms.isEmpty()) {
                layerScores.add(() -> {
                    double sum = 0.0;
                    for (ScoreKernel term : terms) {
                        sum += term.run();
                    }
                    return sum;
                });
            }
        }
        return () -> {
            double sum = 0.0;
            for (ScoreKernel layerScore : layerScores) {
                sum += layerScore.run();
            }
            return sum;
        };
    }

    private static ScoreKernel term(Regularization regularization, INDArray param, Buffers buffers) {
        INDArray norm = buffers.scalar(0);
        if (regularization instanceof L2Regularization l2) {
            double coefficient = constant(l2.getL2());
            Kernel kernel = Reductions.norm2All(param, norm);
            return () -> {
                kernel.run();
                double norm2 = norm.getDouble(0);
                return coefficient * 0.5 * norm2 * norm2;
            };
        }
        if (regularization instanceof L1Regularization l1) {
            double coefficient = constant(l1.getL1());
            Kernel kernel = Reductions.norm1All(param, norm);
            return () -> {
                kernel.run();
                return coefficient * norm.getDouble(0);
            };
        }
        throw new UnsupportedOperationException("regularization " + regularization + " has no compiled form");
    }

    private static List<Regularization> regularizations(TrainingConfig config, String param) {
        List<Regularization> list = config.getRegularizationByParam(param);
        return list == null ? List.of() : list;
    }

    /** keras4j's penalties have fixed factors; a schedule would need its value at each step. */
    private static double constant(ISchedule schedule) {
        if (!(schedule instanceof FixedSchedule)) {
            throw new UnsupportedOperationException("a regularization schedule " + schedule + " has no compiled form");
        }
        return schedule.valueAt(0, 0);
    }
}
