package io.github.keras4j.engine;

import io.github.keras4j.Backend;
import io.github.keras4j.Shape;
import io.github.keras4j.layers.KerasWeight;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Layers;
import io.github.keras4j.layers.dl4j.SequenceToRowsPreProcessor;
import io.github.keras4j.layers.dl4j.SinglePassDenseLayerImpl;
import io.github.keras4j.layers.dl4j.TimestepLayer;
import io.github.keras4j.losses.Reduction;
import io.github.keras4j.losses.dl4j.SampleWeightedLoss;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The one place where a Keras model becomes a DL4J network configuration: each layer gives its own DL4J layer
 * ({@link Layer#toDl4j}) and the preprocessor its input needs, and this class assembles them with the global
 * settings (seed, data type, updater, workspaces). Keras layer {@code i} is DL4J layer {@code i}: a last layer that
 * folds the compiled loss into itself (Keras's last {@code Dense}, DL4J's {@code OutputLayer}) ends the network,
 * any other gets a parameterless DL4J {@code LossLayer} appended. Nothing here depends on a layer's type.
 */
public final class Dl4jTranslator {

    private Dl4jTranslator() {
    }

    /**
     * The DL4J configuration of {@code layers} (InputLayer excluded) taking input of {@code inputShape} (without
     * the batch axis): {@code (features)}, or channels-last images {@code (height, width, channels)}, which DL4J
     * gets as NHWC.
     *
     * @param setup the optimizer and loss, or null for a model that is not compiled yet (it can predict, not train)
     */
    public static MultiLayerConfiguration toConfiguration(List<Layer> layers, Shape inputShape, TrainingSetup setup,
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
        Shape shape = inputShape;
        boolean lossFolded = false;
        boolean masked = false;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            boolean last = i == layers.size() - 1;
            if (i > 0 && layer.type().isFirstOnly()) {
                throw new UnsupportedOperationException("layer " + layer + " must be the model's first layer: it "
                        + "reads the model's input itself");
            }
            if (last && shape.isImage() && layer.outputShape(shape).isImage()) {
                throw new UnsupportedOperationException("layer " + layer + " is the last layer and outputs images of "
                        + "shape " + layer.outputShape(shape).sizesText() + "; keras4j models must output "
                        + "features: end the model with Flatten (and Dense)");
            }
            if (shape.isImage() && !layer.acceptsImages()) {
                throw new UnsupportedOperationException("layer " + layer + " cannot take images (input of shape "
                        + shape.sizesText() + "); on images keras4j supports " + Layers.imageTypes());
            }
            if (shape.isSequence() && !layer.acceptsSequences()) {
                throw new UnsupportedOperationException("layer " + layer + " cannot take sequences (input of shape "
                        + shape.sizesText() + "); on sequences keras4j supports " + Layers.sequenceTypes());
            }
            // Checks that the layer takes this input (images only, features only...) before it is translated.
            Shape next = layer.outputShape(shape);
            masked = layer.maskedOutput(masked);
            // A layer computing each timestep alone gets them as rows: DL4J's form of it for features.
            boolean rows = shape.isSequence() && layer.perTimestep();
            Shape dl4jShape = rows ? Shape.of(shape.last()) : shape;
            org.deeplearning4j.nn.conf.layers.Layer output = last ? layer.toDl4jOutput(dl4jShape, loss) : null;
            lossFolded = output != null;
            InputPreProcessor preProcessor = lossFolded && rows ? new SequenceToRowsPreProcessor()
                    : layer.dl4jPreProcessor(shape);
            if (preProcessor != null) {
                list.inputPreProcessor(i, preProcessor);
            }
            org.deeplearning4j.nn.conf.layers.Layer translated = lossFolded ? output : layer.toDl4j(dl4jShape);
            list.layer(i, rows && !lossFolded ? TimestepLayer.named(translated) : translated);
            shape = next;
        }
        if (inputShape.isImage()) {
            // Lets DL4J check the layers' shapes and insert its preprocessors between images and features.
            list.setInputType(InputType.convolutional(inputShape.size(0), inputShape.size(1), inputShape.size(2),
                    CNN2DFormat.NHWC));
        }
        if (!lossFolded) {
            LossLayer.Builder lossLayer = new LossLayer.Builder(loss).activation(new ActivationIdentity())
                    .name("keras4j_loss");
            if (shape.isSequence()) {
                // The loss sees one row per timestep, as keras4j gives the labels.
                list.inputPreProcessor(layers.size(), new SequenceToRowsPreProcessor());
            }
            if (!shape.isImage()) {
                // Its size, which DL4J otherwise takes as 0 and warns about ("Assigning a size of zero").
                lossLayer.nIn(shape.last()).nOut(shape.last());
            }
            list.layer(layers.size(), lossLayer.build());
        }
        // DL4J's check knows only DL4J's own losses and suggests a DL4J setting our users cannot reach;
        // Sequential.compile checks what would make a Keras model meaningless.
        list.validateOutputLayerConfig(false);
        return list.build();
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

    /**
     * Whether the model's output is masked (Keras's output mask): a first layer that masks padded timesteps
     * ({@link Layer#computeMask}), and every layer after it passing the mask on to the output, so that the loss and
     * metrics leave the padded timesteps out.
     *
     * @throws UnsupportedOperationException when a layer given a masked input cannot take a mask
     */
    public static boolean maskedOutput(List<Layer> layers) {
        boolean masked = false;
        for (Layer layer : layers) {
            masked = layer.maskedOutput(masked);
        }
        return masked;
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
     * Initializes what DL4J's layer configurations cannot express ({@link Layer#initializeParams}: random biases, for
     * one), in the layers from {@code firstLayer} on; the layers before it keep their weights.
     */
    public static void initializeRandomBiases(MultiLayerNetwork network, List<Layer> layers, int firstLayer) {
        for (int i = firstLayer; i < layers.size(); i++) {
            layers.get(i).initializeParams(network.getLayer(i).paramTable());
        }
    }

    /**
     * Keras's {@code layer.get_weights()} of Keras layer {@code index}: copies in Keras's shapes and order
     * ({@link Layer#kerasWeights()}), e.g. Dense's [kernel (inputs x units), bias (units)].
     */
    public static List<INDArray> getWeights(MultiLayerNetwork network, Layer layer, int index) {
        List<INDArray> weights = new ArrayList<>();
        for (KerasWeight weight : layer.kerasWeights()) {
            weights.add(weight.toKeras(network.getLayer(index).getParam(weight.dl4jKey())));
        }
        return weights;
    }

    /** Keras's {@code layer.set_weights(weights)}: the same arrays, shapes and order {@link #getWeights} returns. */
    public static void setWeights(MultiLayerNetwork network, Layer layer, int index, INDArray... weights) {
        List<KerasWeight> expected = layer.kerasWeights();
        if (weights.length != expected.size()) {
            throw new IllegalArgumentException("layer " + layer + " has " + expected.size() + " weight arrays "
                    + expected.stream().map(KerasWeight::dl4jKey).toList() + " but " + weights.length
                    + " were given");
        }
        for (int k = 0; k < expected.size(); k++) {
            KerasWeight weight = expected.get(k);
            weight.assign(network.getLayer(index).getParam(weight.dl4jKey()), weights[k], layer);
        }
    }

    /** Keras's names of a layer's weights, in {@code get_weights()} order ({@code kernel}, {@code bias}...). */
    public static List<String> weightNames(Layer layer) {
        return layer.kerasWeights().stream().map(KerasWeight::name).toList();
    }

    /** The number of weight arrays Keras's {@code get_weights()} gives for this layer. */
    public static int weightCount(Layer layer) {
        return layer.kerasWeights().size();
    }
}
