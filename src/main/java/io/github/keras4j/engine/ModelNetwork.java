package io.github.keras4j.engine;

import io.github.keras4j.Model;
import io.github.keras4j.Shape;
import io.github.keras4j.internal.ModelSize;
import io.github.keras4j.internal.NativeThreads;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.optimizers.Optimizer;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The DL4J network of one {@link Model} through its life, and the {@link Trainer} over it: built from the model's
 * layers when first needed, rebuilt when the layers or the compile settings change (keeping the weights of the layers
 * both networks share; the optimizer's state starts anew, as a Keras recompile), the learning rate changed in place
 * (the optimizer's state kept), the weights, optimizer state and counters of a file restored. The model tells it what
 * changed; nothing else builds, rebuilds or drops the network or its trainer.
 *
 * <p>Not thread-safe: the model calls it under its lock.
 */
public final class ModelNetwork {

    private final Model model;
    private MultiLayerNetwork network;
    private boolean stale;
    private Trainer trainer;

    public ModelNetwork(Model model) {
        this.model = model;
    }

    /** Whether the weights exist: a network was built (it may be due for a rebuild). */
    public boolean isBuilt() {
        return network != null;
    }

    /** The network, built or rebuilt first when the model changed since. */
    public MultiLayerNetwork network() {
        if (network == null || stale) {
            NativeThreads.applyDefaults();
            List<Layer> layers = model.layers();
            Shape inputShape = model.inputShapeOf();
            ModelSize.requireFits(layers, inputShape, "model '" + model.name() + "'");
            MultiLayerNetwork previous = network;
            MultiLayerNetwork built = new MultiLayerNetwork(
                    Dl4jTranslator.toConfiguration(layers, inputShape, setup(), model.seed()));
            built.init();
            if (previous == null) {
                Dl4jTranslator.initializeRandomBiases(built, layers, 0);
            } else {
                copyWeights(previous, built, layers);
            }
            network = built;
            stale = false;
            trainer = null;
        }
        return network;
    }

    private TrainingSetup setup() {
        return model.isCompiled() ? new TrainingSetup(model.optimizer(), model.loss()) : null;
    }

    /** Keeps the weights of the layers both networks share (a recompile, or layers added on top or popped). */
    private static void copyWeights(MultiLayerNetwork from, MultiLayerNetwork to, List<Layer> layers) {
        int shared = 0;
        while (shared < layers.size() && shared < from.getnLayers() && shared < to.getnLayers()
                && from.getLayer(shared).conf().getLayer().getLayerName().equals(layers.get(shared).name())) {
            for (var entry : to.getLayer(shared).paramTable().entrySet()) {
                INDArray old = from.getLayer(shared).paramTable().get(entry.getKey());
                if (old != null && Arrays.equals(old.shape(), entry.getValue().shape())) {
                    entry.getValue().assign(old);
                }
            }
            shared++;
        }
        Dl4jTranslator.initializeRandomBiases(to, layers, shared);
    }

    /**
     * The model's layers or compile settings changed: the network is rebuilt when next needed (a new DL4J
     * configuration; the weights carry over, the optimizer state does not).
     */
    public void modelChanged() {
        stale = network != null;
        trainer = null;
    }

    /**
     * The optimizer's learning rate changed to {@code changed}'s: applied to the built network in place, so that the
     * optimizer's state and iteration count go on. With Keras 2's decay the new rate is the schedule's base, and the
     * decay goes on from the iteration count reached, as Keras 2's {@code model.optimizer.lr = lr}.
     */
    public void learningRateChanged(Optimizer changed) {
        if (network == null || stale) {
            return;
        }
        ISchedule schedule = changed.dl4jLearningRateSchedule();
        if (schedule != null) {
            network.setLearningRate(schedule);
        } else {
            network.setLearningRate(changed.learningRate());
        }
    }

    /**
     * Takes over the weights, the optimizer state (for a compiled model) and the counters read from a model file.
     *
     * @param updaterState the optimizer's state as DL4J's updater keeps it, or null when the file has none
     */
    public void restore(INDArray params, INDArray updaterState, int iterationCount, int epochCount) {
        MultiLayerNetwork built = network();
        if (params.length() != built.numParams()) {
            throw new IllegalArgumentException("the saved network has " + params.length() + " parameters but "
                    + "the saved model config describes " + built.numParams());
        }
        built.setParams(params.reshape(1, params.length()).castTo(built.params().dataType()));
        if (model.isCompiled()) {
            INDArray state = built.getUpdater().getStateViewArray();
            if (state != null) {
                if (updaterState == null || updaterState.length() != state.length()) {
                    throw new IllegalArgumentException("the saved optimizer state does not fit " + model.optimizer());
                }
                state.assign(updaterState.reshape(state.shape()));
            }
        }
        built.getLayerWiseConfigurations().setIterationCount(iterationCount);
        built.getLayerWiseConfigurations().setEpochCount(epochCount);
    }

    /** The trainer of the current network, made (and the network built) first when needed. */
    public Trainer trainer() {
        MultiLayerNetwork built = network();
        if (trainer == null) {
            List<Layer> layers = model.layers();
            Layer last = layers.get(layers.size() - 1);
            trainer = new Trainer(model, built, model.metrics(), model.inputShapeOf(), layers.get(0),
                    model.outputShape(), last.name(), model.isCompiled() ? model.loss().kerasName() : null,
                    model.isCompiled() && model.loss().sparseLabels());
        }
        return trainer;
    }

    /**
     * The trainer when the network is built and current, else null (then {@link #trainer()} must build under the
     * model's exclusive lock): what threads predicting side by side use.
     */
    public Trainer currentTrainer() {
        return network != null && !stale ? trainer : null;
    }
}
