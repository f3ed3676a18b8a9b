package io.github.keras4j.engine;

import io.github.keras4j.Model;
import io.github.keras4j.layers.KerasWeight;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.optimizers.KerasSlot;
import io.github.keras4j.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A compiled model's optimizer state as Keras 3's optimizer variables ({@code model.optimizer.variables}, what Keras
 * saves and restores to resume training), and back. In Keras 3's order (checked against Keras 3.15):
 * <ol>
 * <li>{@code iteration}, int64: the number of updates so far (DL4J's iteration count);</li>
 * <li>{@code learning_rate}, the current rate, unless a schedule computes it (keras4j's {@code decay}, written as
 * Keras 3's {@code InverseTimeDecay});</li>
 * <li>the optimizer's slots ({@link Optimizer#kerasSlots()}) for each trainable weight of each layer in order, in
 * the weight's Keras shape;</li>
 * <li>the optimizer's trailing variables ({@link Optimizer#kerasTrailingVariables}).</li>
 * </ol>
 * A slot lives in DL4J's flat updater state: the updater block holding the weight's parameter keeps each of its
 * slots as one stretch the size of the block's parameters, the parameter at its offset in the block, in DL4J's
 * layout of the parameter. So each slot is viewed in the parameter's DL4J shape and converted by the weight's own
 * layout ({@link KerasWeight#toKeras}, {@link KerasWeight#assign}), exactly as the weight itself.
 */
public final class OptimizerVariables {

    /**
     * One of Keras's optimizer variables: its path as Keras 3 names it ({@code adam/iteration},
     * {@code adam/sequential_dense_kernel_momentum}) and its value in Keras's shape.
     */
    public record Variable(String path, INDArray value) {
    }

    private OptimizerVariables() {
    }

    /**
     * The optimizer variables of {@code model}, as Keras 3 holds them after the same training.
     *
     * @throws IllegalStateException when the model is not compiled
     */
    public static List<Variable> of(Model model) {
        Optimizer optimizer = requireOptimizer(model);
        MultiLayerNetwork network = model.network();
        DataType floatType = network.params().dataType();
        String prefix = optimizer.keras3Name() + "/";
        long iterations = network.getLayerWiseConfigurations().getIterationCount();
        List<Variable> variables = new ArrayList<>();
        variables.add(new Variable(prefix + "iteration", Nd4j.scalar(iterations)));
        if (optimizer.decay() == 0) {
            variables.add(new Variable(prefix + "learning_rate",
                    Nd4j.scalar(optimizer.learningRate()).castTo(floatType)));
        }
        for (SlotView slot : slots(model, optimizer, network)) {
            INDArray value = slot.weight.toKeras(slot.view);
            if (slot.slot.stateOffset() != 0) {
                value.subi(slot.slot.stateOffset());
            }
            variables.add(new Variable(prefix + slot.kerasName(model), value));
        }
        optimizer.kerasTrailingVariables(iterations).forEach((name, value) ->
                variables.add(new Variable(prefix + name, Nd4j.scalar(value).castTo(floatType))));
        return variables;
    }

    /**
     * Sets {@code model}'s optimizer state from Keras's optimizer variables, in {@link #of}'s order: the iteration
     * count, the learning rate (when the file's differs from the compiled one beyond float rounding, as after
     * Keras's ReduceLROnPlateau), and every slot. Every value is checked before any is set.
     *
     * @param source what the values came from, for error messages
     * @throws IllegalArgumentException naming the source when the count or a shape differs from the model's
     */
    public static void restore(Model model, List<INDArray> values, String source) {
        Optimizer optimizer = requireOptimizer(model);
        MultiLayerNetwork network = model.network();
        List<SlotView> slots = slots(model, optimizer, network);
        boolean learningRateVariable = optimizer.decay() == 0;
        int trailing = optimizer.kerasTrailingVariables(0).size();
        int expected = 1 + (learningRateVariable ? 1 : 0) + slots.size() + trailing;
        if (values.size() != expected) {
            throw new IllegalArgumentException(source + " holds " + values.size() + " optimizer variables but "
                    + optimizer.className() + " has " + expected + " for this model (iteration"
                    + (learningRateVariable ? ", learning_rate" : "") + ", " + slots.size() + " slots"
                    + (trailing > 0 ? ", " + String.join(", ", optimizer.kerasTrailingVariables(0).keySet()) : "")
                    + ")");
        }
        int next = 0;
        INDArray iteration = values.get(next++);
        if (iteration.length() != 1) {
            throw new IllegalArgumentException(source + ": the optimizer's iteration count must be a scalar, found "
                    + "shape " + Arrays.toString(iteration.shape()));
        }
        long iterations = iteration.getLong(0);
        if (iterations < 0 || iterations > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": the optimizer's iteration count " + iterations
                    + " is not between 0 and " + Integer.MAX_VALUE);
        }
        double learningRate = Double.NaN;
        if (learningRateVariable) {
            INDArray rate = values.get(next++);
            learningRate = rate.length() == 1 ? rate.getDouble(0) : Double.NaN;
            if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException(source + ": the optimizer's learning_rate must be a number >= 0, "
                        + "found " + rate);
            }
        }
        List<INDArray> slotValues = new ArrayList<>();
        for (SlotView slot : slots) {
            INDArray value = values.get(next++);
            INDArray keras = slot.weight.toKeras(slot.view);
            if (!Arrays.equals(value.shape(), keras.shape())) {
                throw new IllegalArgumentException(source + ": optimizer variable " + (next - 1) + " ("
                        + slot.kerasName(model) + ") has shape " + Arrays.toString(value.shape()) + " but the "
                        + slot.slot.name() + " of " + slot.weight.name() + " of layer " + slot.layer + " has shape "
                        + Arrays.toString(keras.shape()));
            }
            slotValues.add(value);
        }
        for (int i = 0; i < slots.size(); i++) {
            SlotView slot = slots.get(i);
            INDArray value = slotValues.get(i).castTo(slot.view.dataType());
            slot.weight.assign(slot.view, slot.slot.stateOffset() == 0 ? value : value.add(slot.slot.stateOffset()),
                    slot.layer);
        }
        network.getLayerWiseConfigurations().setIterationCount((int) iterations);
        if (learningRateVariable && (float) learningRate != (float) optimizer.learningRate()) {
            model.learningRate(learningRate);
        }
    }

    /** How many optimizer variables {@code model}'s optimizer has in Keras 3 (see {@link #of}). */
    public static int count(Model model) {
        Optimizer optimizer = requireOptimizer(model);
        return 1 + (optimizer.decay() == 0 ? 1 : 0) + slots(model, optimizer, model.network()).size()
                + optimizer.kerasTrailingVariables(0).size();
    }

    private static Optimizer requireOptimizer(Model model) {
        Optimizer optimizer = model.optimizer();
        if (optimizer == null) {
            throw new IllegalStateException("model " + model.name() + " is not compiled: it has no optimizer state");
        }
        return optimizer;
    }

    /** One slot of one weight: a view of DL4J's state shaped as the weight's DL4J parameter. */
    private record SlotView(Layer layer, KerasWeight weight, KerasSlot slot, INDArray view) {

        /** Keras 3's name of the slot variable: the weight's path with '/' as '_', then the slot's name. */
        String kerasName(Model model) {
            return model.name() + "_" + layer.name() + "_" + weight.name() + "_" + slot.name();
        }
    }

    /** Every slot in Keras's order: per slot group, per trainable weight, per slot of the group. */
    private static List<SlotView> slots(Model model, Optimizer optimizer, MultiLayerNetwork network) {
        List<List<KerasSlot>> groups = optimizer.kerasSlots();
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<Trainable, Map<String, Location>> locations = locations(network);
        int dl4jSlots = (int) optimizer.toDl4j().stateSize(1);
        List<SlotView> views = new ArrayList<>();
        for (List<KerasSlot> group : groups) {
            List<Layer> layers = model.layers();
            for (int index = 0; index < layers.size(); index++) {
                Layer layer = layers.get(index);
                org.deeplearning4j.nn.api.Layer dl4jLayer = network.getLayer(index);
                for (KerasWeight weight : layer.kerasWeights()) {
                    if (!weight.trainable()) {
                        continue;
                    }
                    Location location = locations.getOrDefault(dl4jLayer, Map.of()).get(weight.dl4jKey());
                    if (location == null || location.slots != dl4jSlots) {
                        throw new IllegalStateException("the updater state of " + weight + " of layer " + layer
                                + " is not the " + dl4jSlots + " slots of " + optimizer.className() + " (found "
                                + (location == null ? "none" : location.slots) + ")");
                    }
                    INDArray param = dl4jLayer.getParam(weight.dl4jKey());
                    for (KerasSlot slot : group) {
                        views.add(new SlotView(layer, weight, slot, location.view(slot.dl4jSlot(), param)));
                    }
                }
            }
        }
        return views;
    }

    /** Where a parameter's slots are in the flat updater state: its block's stretch, slot-major. */
    private record Location(INDArray state, long blockStart, long blockLength, int slots, long offset, long length) {

        INDArray view(int slot, INDArray param) {
            long start = blockStart + slot * blockLength + offset;
            INDArray stretch = state.get(NDArrayIndex.interval(start, start + length));
            INDArray view = Shape.newShapeNoCopy(stretch, param.shape(), param.ordering() == 'f');
            if (view == null) {
                throw new IllegalStateException("cannot view the updater state as a parameter of shape "
                        + Arrays.toString(param.shape()));
            }
            return view;
        }
    }

    private static Map<Trainable, Map<String, Location>> locations(MultiLayerNetwork network) {
        Updater updater = network.getUpdater();
        if (!(updater instanceof BaseMultiLayerUpdater<?> blocks)) {
            throw new IllegalStateException("the network's updater is not DL4J's multi-layer updater: " + updater);
        }
        INDArray stateView = blocks.getStateViewArray();
        INDArray state = stateView == null ? null : stateView.reshape(stateView.length());
        Map<Trainable, Map<String, Location>> locations = new HashMap<>();
        for (UpdaterBlock block : blocks.getUpdaterBlocks()) {
            long blockLength = block.getParamOffsetEnd() - block.getParamOffsetStart();
            long stateLength = block.getUpdaterViewOffsetEnd() - block.getUpdaterViewOffsetStart();
            int slots = blockLength == 0 ? 0 : (int) (stateLength / blockLength);
            for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
                locations.computeIfAbsent(param.getLayer(), layer -> new HashMap<>()).put(param.getParamName(),
                        new Location(state, block.getUpdaterViewOffsetStart(), blockLength, slots,
                                param.getParamOffsetStart() - block.getParamOffsetStart(),
                                param.getParamOffsetEnd() - param.getParamOffsetStart()));
            }
        }
        return locations;
    }
}
