package io.github.keras4j.engine;

import io.github.keras4j.Backend;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.activations.dl4j.ActivationScaledELU;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.ELU;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LeakyReLU;
import io.github.keras4j.layers.PReLU;
import io.github.keras4j.layers.ReLU;
import io.github.keras4j.layers.Softmax;
import io.github.keras4j.layers.ThresholdedReLU;
import io.github.keras4j.layers.dl4j.SinglePassDenseLayer;
import io.github.keras4j.layers.dl4j.SinglePassDenseLayerImpl;
import io.github.keras4j.layers.dl4j.SinglePassOutputLayer;
import io.github.keras4j.losses.Reduction;
import io.github.keras4j.losses.dl4j.SampleWeightedLoss;
import io.github.keras4j.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.params.PReLUParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The one place where a Keras model becomes DL4J configuration. Keras layer {@code i} is DL4J layer {@code i}:
 * the last Keras {@code Dense} and the compiled loss fold into a DL4J {@code OutputLayer}; a model that ends in
 * another layer gets a parameterless DL4J {@code LossLayer} appended. Nothing else builds DL4J configuration.
 */
public final class Dl4jTranslator {

    private Dl4jTranslator() {
    }

    /**
     * The DL4J configuration of {@code layers} (InputLayer excluded) taking input of {@code inputShape} (without
     * the batch axis): {@code [features]}, or channels-last images {@code [height, width, channels]}, which DL4J
     * gets as NHWC.
     *
     * @param setup the optimizer and loss, or null for a model that is not compiled yet (it can predict, not train)
     */
    public static MultiLayerConfiguration toConfiguration(List<Layer> layers, long[] inputShape, TrainingSetup setup,
            long seed) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("the model has no layers: add() at least one layer first");
        }
        DataType dataType = commonDataType(layers);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .optimizationAlgo(OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
                .updater(setup == null ? new NoOp() : setup.optimizer().toDl4j())
                // Keras averages the loss over the batch unless the loss asks for a sum; DL4J divides by the
                // batch size exactly when miniBatch is on.
                .miniBatch(setup == null || setup.loss().reduction() == Reduction.SUM_OVER_BATCH_SIZE)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();

        // Before compile there is no loss; the output layer needs one, and it is never used: fit requires compile.
        ILossFunction loss = setup == null ? new LossMSE() : setup.loss().toDl4j();
        long[] shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            boolean last = i == layers.size() - 1;
            if (layer instanceof Flatten && shape.length == 3) {
                // DL4J's preprocessor reshapes NHWC activations in C order: Keras's (height, width, channels) order.
                list.inputPreProcessor(i, new CnnToFeedForwardPreProcessor(shape[0], shape[1], shape[2],
                        CNN2DFormat.NHWC));
            }
            list.layer(i, shape.length == 1 ? translate(layer, shape[0], last ? loss : null)
                    : translateImageLayer(layer, shape, last ? loss : null));
            shape = layer.outputShape(shape);
        }
        if (inputShape.length == 3) {
            // Lets DL4J check the layers' shapes and insert its preprocessors between images and features.
            list.setInputType(InputType.convolutional(inputShape[0], inputShape[1], inputShape[2], CNN2DFormat.NHWC));
        }
        if (!(layers.get(layers.size() - 1) instanceof Dense)) {
            LossLayer.Builder lossLayer = new LossLayer.Builder(loss).activation(new ActivationIdentity())
                    .name("keras4j_loss");
            if (shape.length == 1) {
                // Its size, which DL4J otherwise takes as 0 and warns about ("Assigning a size of zero").
                lossLayer.nIn(shape[0]).nOut(shape[0]);
            }
            list.layer(layers.size(), lossLayer.build());
        }
        // DL4J's check knows only DL4J's own losses and suggests a DL4J setting our users cannot reach;
        // Sequential.compile checks what would make a Keras model meaningless.
        list.validateOutputLayerConfig(false);
        return list.build();
    }

    private static org.deeplearning4j.nn.conf.layers.Layer translate(Layer layer, long inputUnits,
            ILossFunction outputLoss) {
        if (layer instanceof Flatten) {
            return new ActivationLayer.Builder().activation(new ActivationIdentity()).name(layer.name()).build();
        }
        if (layer instanceof Dense dense) {
            return dense(dense, inputUnits, outputLoss);
        }
        if (layer instanceof Dropout dropout) {
            // DL4J's dropout argument is the probability of keeping an input; Keras's rate is that of dropping it.
            return new DropoutLayer.Builder(1.0 - dropout.rate()).nIn(inputUnits).nOut(inputUnits)
                    .name(layer.name()).build();
        }
        if (layer instanceof Activation activation) {
            return new ActivationLayer.Builder().activation(activation.activation().toDl4j()).name(layer.name())
                    .build();
        }
        if (layer instanceof BatchNormalization batchNorm) {
            return batchNormalization(batchNorm, inputUnits, null);
        }
        if (layer instanceof PReLU prelu) {
            int[] shared = prelu.sharedAxes();
            PReLULayer.Builder builder = new PReLULayer.Builder().nIn(inputUnits).nOut(inputUnits)
                    .inputShape(inputUnits)
                    .weightInit(new WeightInitConstant(prelu.alphaInitializer().constantValue().getAsDouble()))
                    .name(layer.name());
            return (shared == null ? builder : builder.sharedAxes(1)).build();
        }
        IActivation advanced = advancedActivation(layer);
        if (advanced != null) {
            return new ActivationLayer.Builder().activation(advanced).name(layer.name()).build();
        }
        throw new UnsupportedOperationException("layer " + layer + " has no DL4J translation; supported layers: "
                + "Dense, Conv2D, Flatten, Dropout, Activation, BatchNormalization, ELU, LeakyReLU, ReLU, Softmax, "
                + "ThresholdedReLU, PReLU, InputLayer");
    }

    /** A layer taking channels-last images {@code [height, width, channels]}, which DL4J holds as NHWC arrays. */
    private static org.deeplearning4j.nn.conf.layers.Layer translateImageLayer(Layer layer, long[] shape,
            ILossFunction outputLoss) {
        if (outputLoss != null && !(layer instanceof Flatten)) {
            throw new UnsupportedOperationException("layer " + layer + " is the last layer and outputs images of shape "
                    + Arrays.toString(layer.outputShape(shape)) + "; keras4j models must output features: end the "
                    + "model with Flatten (and Dense)");
        }
        if (layer instanceof Conv2D conv) {
            return conv2D(conv, shape[2]);
        }
        if (layer instanceof Flatten) {
            return translate(layer, 0, null);
        }
        if (layer instanceof BatchNormalization batchNorm) {
            return batchNormalization(batchNorm, shape[2], CNN2DFormat.NHWC);
        }
        if (layer instanceof Dropout dropout) {
            return new DropoutLayer.Builder(1.0 - dropout.rate()).name(layer.name()).build();
        }
        if (layer instanceof Activation activation && activation.activation() != io.github.keras4j.activations
                .Activations.SOFTMAX) {
            return new ActivationLayer.Builder().activation(activation.activation().toDl4j()).name(layer.name())
                    .build();
        }
        IActivation advanced = layer instanceof Softmax ? null : advancedActivation(layer);
        if (advanced != null) {
            return new ActivationLayer.Builder().activation(advanced).name(layer.name()).build();
        }
        throw new UnsupportedOperationException("layer " + layer + " cannot take images (input of shape "
                + Arrays.toString(shape) + "); on images keras4j supports Conv2D, Flatten, BatchNormalization, "
                + "Dropout, Activation (not softmax), ELU, LeakyReLU, ReLU, ThresholdedReLU");
    }

    private static BaseLayer conv2D(Conv2D conv, long inputChannels) {
        BaseLayer translated = new ConvolutionLayer.Builder(conv.kernelSize(), conv.strides())
                .nIn(inputChannels).nOut(conv.filters())
                .dataFormat(CNN2DFormat.NHWC)
                // Keras's "valid" drops what does not fit, as DL4J's Truncate; "same" pads as TensorFlow does.
                .convolutionMode(conv.padding() == Conv2D.Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .hasBias(conv.useBias())
                .activation(conv.activation().toDl4j())
                .weightInit(conv.kernelInitializer().toDl4j())
                .biasInit(conv.biasInitializer().constantValue().orElse(0.0))
                .name(conv.name())
                .build();
        if (conv.kernelRegularizer() != null) {
            translated.setRegularization(new ArrayList<>(conv.kernelRegularizer().toDl4j()));
        }
        if (conv.biasRegularizer() != null && conv.useBias()) {
            translated.setRegularizationBias(new ArrayList<>(conv.biasRegularizer().toDl4j()));
        }
        return translated;
    }

    /** The DL4J activation of Keras's advanced-activation layers (each checked against Keras's formula). */
    private static IActivation advancedActivation(Layer layer) {
        if (layer instanceof ELU elu) {
            // ND4J's ActivationELU drops alpha in its gradient.
            return new ActivationScaledELU(elu.alpha());
        }
        if (layer instanceof LeakyReLU leaky) {
            return new ActivationLReLU(leaky.negativeSlope());
        }
        if (layer instanceof ReLU relu) {
            if (relu.maxValue().isPresent() && relu.maxValue().getAsDouble() == 0) {
                // ND4J's ReLU backprop skips its cap mask when the cap is 0 and would pass gradients Keras stops.
                throw new UnsupportedOperationException("ReLU layer " + layer.name() + ": max_value=0 is not "
                        + "supported (its output is constant; DL4J's gradient for it is wrong)");
            }
            return new ActivationReLU(relu.maxValue().isPresent() ? relu.maxValue().getAsDouble() : null,
                    relu.threshold(), relu.negativeSlope());
        }
        if (layer instanceof Softmax) {
            return new ActivationSoftmax();
        }
        if (layer instanceof ThresholdedReLU thresholded) {
            return new ActivationThresholdedReLU(thresholded.theta());
        }
        return null;
    }

    private static BaseLayer dense(Dense dense, long inputUnits, ILossFunction outputLoss) {
        BaseLayer translated = outputLoss == null
                ? SinglePassDenseLayer.of(
                        denseSettings(new DenseLayer.Builder(), dense, inputUnits).hasBias(dense.useBias()).build())
                : new SinglePassOutputLayer(
                        denseSettings(new OutputLayer.Builder(outputLoss), dense, inputUnits).hasBias(dense.useBias()));
        if (dense.kernelRegularizer() != null) {
            translated.setRegularization(new ArrayList<>(dense.kernelRegularizer().toDl4j()));
        }
        Regularizer biasRegularizer = dense.biasRegularizer();
        if (biasRegularizer != null && dense.useBias()) {
            translated.setRegularizationBias(new ArrayList<>(biasRegularizer.toDl4j()));
        }
        return translated;
    }

    private static <B extends FeedForwardLayer.Builder<B>> B denseSettings(B builder, Dense dense, long inputUnits) {
        return builder.nIn(inputUnits).nOut(dense.units())
                .activation(dense.activation().toDl4j())
                .weightInit(dense.kernelInitializer().toDl4j())
                .biasInit(dense.biasInitializer().constantValue().orElse(0.0))
                .name(dense.name());
    }

    private static BaseLayer batchNormalization(BatchNormalization layer, long inputUnits, CNN2DFormat images) {
        if (layer.center() != layer.scale()) {
            throw new UnsupportedOperationException("BatchNormalization with center=" + layer.center() + " and scale="
                    + layer.scale() + " cannot be expressed in DL4J, which learns beta and gamma together or not at "
                    + "all; use center and scale both true or both false");
        }
        var builder = new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder();
        if (images != null) {
            // Keras's axis=-1 on channels-last images: one statistic per channel.
            builder.dataFormat(images);
        }
        return builder
                .nIn(inputUnits).nOut(inputUnits)
                // DL4J's decay is Keras's momentum: moving = decay * moving + (1 - decay) * batch statistic.
                .decay(layer.momentum())
                .eps(layer.epsilon())
                .lockGammaBeta(!layer.scale())
                .gamma(1.0).beta(0.0)
                // Keras stores the moving variance itself, not DL4J's default log10 of the standard deviation.
                .useLogStd(false)
                .name(layer.name())
                .build();
    }

    /**
     * Makes the network's loss read per-sample weights from an extra, last label column ({@code weighted} true), or
     * restores the plain loss. The configuration object is DL4J's, so the weights, the updater state and the
     * iteration counts stay as they are.
     */
    public static void weighSamples(MultiLayerNetwork network, boolean weighted) {
        org.deeplearning4j.nn.conf.layers.Layer conf = network.getOutputLayer().conf().getLayer();
        ILossFunction current = conf instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer output
                ? output.getLossFn() : ((LossLayer) conf).getLossFn();
        ILossFunction plain = current instanceof SampleWeightedLoss weightedLoss ? weightedLoss.loss() : current;
        ILossFunction wanted = weighted ? new SampleWeightedLoss(plain) : plain;
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer output) {
            output.setLossFn(wanted);
        } else {
            ((LossLayer) conf).setLossFn(wanted);
        }
    }

    /**
     * Tells the network's first layer whether anyone reads the gradient with respect to the network's input:
     * {@code MultiLayerNetwork.fit} computes and discards it, so keras4j's fit loop turns it off while it runs
     * and back on after (a user of the DL4J network may ask DL4J for input gradients).
     */
    public static void inputGradientNeeded(MultiLayerNetwork network, boolean needed) {
        // A preprocessor before the first layer would be handed the missing gradient: keep it then.
        if (network.getnLayers() > 0 && network.getLayer(0) instanceof SinglePassDenseLayerImpl first
                && network.getLayerWiseConfigurations().getInputPreProcess(0) == null) {
            first.inputGradientNeeded(needed);
        }
    }

    /** The one ND4J data type of all layers; DL4J networks compute in a single type. */
    static DataType commonDataType(List<Layer> layers) {
        String dtype = layers.get(0).dtype();
        for (Layer layer : layers) {
            if (!layer.dtype().equals(dtype)) {
                throw new IllegalStateException("layers " + layers.get(0).name() + " (" + dtype + ") and "
                        + layer.name() + " (" + layer.dtype() + ") have different float types; a DL4J network "
                        + "computes in one type: create every layer after the same Backend.setFloatx(...)");
            }
        }
        return Backend.toDataType(dtype);
    }

    /**
     * Draws the biases whose Keras initializer is random: DL4J's layer configuration only knows constant biases.
     * Keras initializes a bias of shape (units,) (Conv2D: (filters,)) with fan_in = fan_out = units. Layers before {@code firstLayer}
     * keep their biases.
     */
    public static void initializeRandomBiases(MultiLayerNetwork network, List<Layer> layers, int firstLayer) {
        for (int i = firstLayer; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Initializer initializer = layer instanceof Dense dense && dense.useBias() ? dense.biasInitializer()
                    : layer instanceof Conv2D conv && conv.useBias() ? conv.biasInitializer() : null;
            if (initializer != null && initializer.constantValue().isEmpty()) {
                INDArray bias = network.getLayer(i).getParam(DefaultParamInitializer.BIAS_KEY);
                long units = bias.length();
                initializer.toDl4j().init(units, units, new long[] {units}, 'c', bias.reshape(units));
            }
        }
    }

    /**
     * Keras's {@code layer.get_weights()} of Keras layer {@code index}: Dense gives [kernel (inputs x units),
     * bias (units)]; BatchNormalization gives [gamma, beta, moving_mean, moving_variance]; other layers nothing.
     */
    public static List<INDArray> getWeights(MultiLayerNetwork network, Layer layer, int index) {
        List<INDArray> weights = new ArrayList<>();
        for (String key : weightKeys(layer)) {
            INDArray param = network.getLayer(index).getParam(key);
            if (isConvKernel(layer, key)) {
                weights.add(param.permute(KERAS_KERNEL_FROM_DL4J).dup('c'));
                continue;
            }
            weights.add(isMatrix(layer, key) ? param.dup('c') : param.dup('c').reshape(param.length()));
        }
        return weights;
    }

    /** Keras's {@code layer.set_weights(weights)}: the same arrays, shapes and order {@link #getWeights} returns. */
    public static void setWeights(MultiLayerNetwork network, Layer layer, int index, INDArray... weights) {
        List<String> keys = weightKeys(layer);
        if (weights.length != keys.size()) {
            throw new IllegalArgumentException("layer " + layer + " has " + keys.size() + " weight arrays "
                    + keys + " but " + weights.length + " were given");
        }
        for (int k = 0; k < keys.size(); k++) {
            INDArray param = network.getLayer(index).getParam(keys.get(k));
            INDArray value = weights[k];
            if (isConvKernel(layer, keys.get(k))) {
                INDArray kernel = param.permute(KERAS_KERNEL_FROM_DL4J);
                if (!Arrays.equals(value.shape(), kernel.shape())) {
                    throw new IllegalArgumentException("weight 'kernel' of layer " + layer + " has shape "
                            + Arrays.toString(kernel.shape()) + " (kernel_h, kernel_w, in_channels, filters) but the "
                            + "value given has shape " + Arrays.toString(value.shape()));
                }
                kernel.assign(value.castTo(param.dataType()));
                continue;
            }
            boolean matrix = isMatrix(layer, keys.get(k));
            boolean fits = matrix ? Arrays.equals(value.shape(), param.shape())
                    : value.length() == param.length() && (value.rank() == 1 || value.rows() == 1);
            if (!fits) {
                throw new IllegalArgumentException("weight '" + keys.get(k) + "' of layer " + layer + " has shape "
                        + shapeText(param, matrix) + " but the value given has shape "
                        + Arrays.toString(value.shape()));
            }
            param.assign(value.castTo(param.dataType()).reshape(param.shape()));
        }
    }

    /** DL4J's convolution kernel [filters, in_channels, kernel_h, kernel_w] permuted to Keras's layout. */
    private static final int[] KERAS_KERNEL_FROM_DL4J = {2, 3, 1, 0};

    /** Whether a weight is a Conv2D kernel: Keras's (kernel_h, kernel_w, in_channels, filters). */
    private static boolean isConvKernel(Layer layer, String key) {
        return layer instanceof Conv2D && key.equals(DefaultParamInitializer.WEIGHT_KEY);
    }

    /** Whether a weight is a matrix in Keras (a Dense kernel); the others are vectors. */
    private static boolean isMatrix(Layer layer, String key) {
        return key.equals(DefaultParamInitializer.WEIGHT_KEY) && !(layer instanceof PReLU);
    }

    private static String shapeText(INDArray param, boolean matrix) {
        return matrix ? Arrays.toString(param.shape()) : "[" + param.length() + "]";
    }

    /** Keras's names of a layer's weights, in {@code get_weights()} order ({@code kernel}, {@code bias}...). */
    public static List<String> weightNames(Layer layer) {
        if (layer instanceof PReLU) {
            return List.of("alpha");
        }
        List<String> names = new ArrayList<>();
        for (String key : weightKeys(layer)) {
            names.add(switch (key) {
                case DefaultParamInitializer.WEIGHT_KEY -> "kernel";
                case DefaultParamInitializer.BIAS_KEY -> "bias";
                case BatchNormalizationParamInitializer.GLOBAL_MEAN -> "moving_mean";
                case BatchNormalizationParamInitializer.GLOBAL_VAR -> "moving_variance";
                default -> key;
            });
        }
        return names;
    }

    /** The number of weight arrays Keras's {@code get_weights()} gives for this layer. */
    public static int weightCount(Layer layer) {
        return weightKeys(layer).size();
    }

    /** DL4J's parameter keys of a Keras layer's weights, in Keras's order. */
    static List<String> weightKeys(Layer layer) {
        boolean useBias = layer instanceof Dense dense ? dense.useBias()
                : layer instanceof Conv2D conv && conv.useBias();
        if (layer instanceof Dense || layer instanceof Conv2D) {
            // DL4J's ConvolutionLayer names its kernel and bias as DenseLayer does ("W", "b").
            return useBias ? List.of(DefaultParamInitializer.WEIGHT_KEY, DefaultParamInitializer.BIAS_KEY)
                    : List.of(DefaultParamInitializer.WEIGHT_KEY);
        }
        if (layer instanceof BatchNormalization batchNorm) {
            return batchNorm.scale()
                    ? List.of(BatchNormalizationParamInitializer.GAMMA, BatchNormalizationParamInitializer.BETA,
                            BatchNormalizationParamInitializer.GLOBAL_MEAN, BatchNormalizationParamInitializer.GLOBAL_VAR)
                    : List.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
                            BatchNormalizationParamInitializer.GLOBAL_VAR);
        }
        if (layer instanceof PReLU) {
            return List.of(PReLUParamInitializer.WEIGHT_KEY);
        }
        return List.of();
    }
}
