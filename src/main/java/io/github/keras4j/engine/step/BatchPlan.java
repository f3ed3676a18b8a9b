package io.github.keras4j.engine.step;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.any.Assign;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The compiled step of one network for one batch shape: the arrays the batch is copied into, each layer's compiled
 * passes, the loss's kernels and Keras's output (for the metrics, or {@code predict}). Built once per batch size
 * and kept.
 */
final class BatchPlan {

    /** What a plan computes. */
    enum Mode {
        /** Forward and backward pass in training mode, the loss's gradient and score. */
        TRAIN,
        /** Forward pass at inference and the loss's score ({@code evaluate}, validation). */
        EVALUATE,
        /** Forward pass at inference only ({@code predict}). */
        PREDICT
    }

    private final LegacyKernel copyFeatures;
    private final LegacyKernel copyLabels;
    private final LegacyKernel copyMask;
    private final INDArray weights;
    private final CompiledLayer[] layers;
    private final Kernel lossGradient;
    private final ScoreKernel lossScore;
    private final Kernel outputActivation;
    private final INDArray output;
    private final int rows;
    private final boolean training;

    /**
     * @param masked whether batches come with a timestep mask {@code [samples, timesteps]}, which the layers get (a
     *     layer that cannot take one refuses to compile)
     */
    BatchPlan(MultiLayerNetwork network, List<LayerStep> steps, long[] featureShape, boolean masked, long labelColumns,
            boolean weighted, Mode mode, Buffers buffers, StepCounters counters) {
        MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
        this.rows = (int) featureShape[0];
        this.training = mode == Mode.TRAIN;
        INDArray input = buffers.array('c', featureShape);
        copyFeatures = LegacyKernel.of(new Assign(input, input));
        INDArray mask = null;
        if (masked) {
            if (featureShape.length < 2) {
                throw new IllegalArgumentException("a timestep mask needs sequences, not features of shape "
                        + java.util.Arrays.toString(featureShape));
            }
            mask = buffers.array('c', featureShape[0], featureShape[1]);
            copyMask = LegacyKernel.of(new Assign(mask, mask));
        } else {
            copyMask = null;
        }
        layers = new CompiledLayer[steps.size()];
        boolean denseOutput = network.getnLayers() == steps.size();
        INDArray layerInput = input;
        for (int i = 0; i < steps.size(); i++) {
            boolean last = denseOutput && i == steps.size() - 1;
            layers[i] = steps.get(i).compile(new LayerSetup(network.getLayer(i), configuration.getInputPreProcess(i),
                    layerInput, mask, last, training, buffers, counters));
            layerInput = layers[i].output();
        }
        if (!denseOutput && network.getnLayers() != steps.size() + 1) {
            throw new IllegalStateException("the network has " + network.getnLayers() + " layers for "
                    + steps.size() + " compiled ones");
        }
        if (!denseOutput && configuration.getInputPreProcess(steps.size()) != null) {
            throw new UnsupportedOperationException("a preprocessor before the loss layer has no compiled form");
        }
        Layer outputLayer = network.getOutputLayer();
        org.deeplearning4j.nn.conf.layers.Layer outputConf = outputLayer.conf().getLayer();
        ILossFunction loss;
        IActivation activation;
        if (outputConf instanceof BaseOutputLayer output) {
            loss = output.getLossFn();
            activation = output.getActivationFn();
        } else if (outputConf instanceof LossLayer lossLayer) {
            loss = lossLayer.getLossFn();
            activation = lossLayer.getActivationFn();
        } else {
            throw new UnsupportedOperationException("output layer " + outputConf + " has no compiled form");
        }
        INDArray preOutput = layerInput;
        output = buffers.array('c', preOutput.shape());
        outputActivation = ActivationKernels.of(activation).forward(preOutput, output, buffers);
        if (mode == Mode.PREDICT) {
            copyLabels = null;
            lossGradient = Kernel.NONE;
            lossScore = null;
            weights = null;
            return;
        }
        INDArray labels = buffers.array('c', rows, labelColumns);
        copyLabels = LegacyKernel.of(new Assign(labels, labels));
        // dL/dz in c order, as DL4J's losses leave it; each layer's backward pass is compiled on the next one's
        // input gradient, from the last layer down.
        INDArray dLdz = buffers.array('c', preOutput.shape());
        if (training) {
            INDArray gradient = dLdz;
            for (int i = layers.length - 1; i >= 0; i--) {
                gradient = layers[i].compileBackward(gradient, i > 0);
            }
        }
        LossStep lossStep = LossSteps.of(loss);
        LossSetup setup = new LossSetup(preOutput, labels, activation, dLdz, buffers);
        if (!weighted) {
            weights = null;
            lossGradient = training ? lossStep.gradient(setup) : Kernel.NONE;
            lossScore = lossStep.score(setup);
            return;
        }
        // keras4j's sample-weighted loss: the per-sample losses and the gradient rows times the sample weights.
        weights = buffers.array('c', rows, 1);
        lossGradient = training ? Kernel.sequence(lossStep.gradient(setup),
                Kernels.of(new MulOp(setup.gradient(), weights, setup.gradient()))) : Kernel.NONE;
        INDArray scores = buffers.array('c', rows, 1);
        INDArray sum = buffers.scalar(0);
        Kernel weightedScores = Kernel.sequence(lossStep.scoreArray(setup, scores),
                Kernels.of(new MulOp(scores, weights, scores)), Reductions.sumAll(scores, sum));
        lossScore = () -> {
            weightedScores.run();
            return sum.getDouble(0);
        };
    }

    int rows() {
        return rows;
    }

    /**
     * The forward pass on a batch, then in training the loss's gradient and the backward pass; returns the sum of
     * the (weighted) per-sample losses, DL4J's {@code computeScore(..., false)} (null sample weights: unweighted).
     */
    double run(INDArray features, INDArray mask, INDArray labels, double[] sampleWeights) {
        copyIn(copyFeatures, features);
        copyMask(mask);
        copyIn(copyLabels, labels);
        if (weights != null) {
            for (int row = 0; row < rows; row++) {
                weights.putScalar(row, 0, sampleWeights[row]);
            }
        }
        for (CompiledLayer layer : layers) {
            layer.forward();
        }
        if (training) {
            lossGradient.run();
            for (int i = layers.length - 1; i >= 0; i--) {
                layers[i].backward();
            }
        }
        return lossScore.run();
    }

    /** The forward pass only ({@code predict}). */
    void forward(INDArray features, INDArray mask) {
        copyIn(copyFeatures, features);
        copyMask(mask);
        for (CompiledLayer layer : layers) {
            layer.forward();
        }
    }

    /** Computes Keras's output of the last forward pass (the output activation applied) and returns it. */
    INDArray output() {
        outputActivation.run();
        return output;
    }

    /** A new array holding Keras's output of the last forward pass ({@code predict}'s result). */
    INDArray newOutput() {
        return ResultArrays.copyOf(output());
    }

    private void copyMask(INDArray mask) {
        if ((mask == null) != (copyMask == null)) {
            throw new IllegalArgumentException(mask == null ? "this plan needs the batch's timestep mask"
                    : "this plan was compiled without a timestep mask");
        }
        if (mask != null) {
            copyIn(copyMask, mask);
        }
    }

    private static void copyIn(LegacyKernel copy, INDArray from) {
        copy.runOn(from);
    }
}
