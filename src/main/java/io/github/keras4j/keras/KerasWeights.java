package io.github.keras4j.keras;

import io.github.keras4j.Model;
import io.github.keras4j.engine.Dl4jTranslator;
import io.github.keras4j.engine.LayersWithWeights;
import io.github.keras4j.engine.OptimizerVariables;
import io.github.keras4j.internal.SnakeCase;
import io.github.keras4j.layers.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's weights in an HDF5 file, put into a model's layers by layer order, as Keras's {@code load_weights} does:
 * the file's layers that have weights, in order, fill the model's layers that have weights. Two layouts exist:
 * <ul>
 * <li>Keras 1, Keras 2 / tf.keras and Keras 3's legacy {@code .h5}: a group (the root of a {@code save_weights}
 * file, {@code model_weights} of a {@code model.save} file) whose {@code layer_names} attribute lists one group per
 * layer, each with a {@code weight_names} attribute naming its datasets in the layer's weight order
 * ({@code dense_1_W:0}, {@code dense_1/kernel:0}, {@code sequential/dense/kernel}...);</li>
 * <li>Keras 3's {@code .weights.h5} (also inside a {@code .keras} archive): {@code layers/<name>/vars/0..n}, where
 * {@code <name>} is the layer's class in snake case, numbered per class ({@code dense}, {@code dropout},
 * {@code dense_1}), not the layer's own name.</li>
 * </ul>
 * Every array is read and checked against the model before any is set, so a mismatch leaves the model as it was.
 * Keras 1 names BatchNormalization's moving variance {@code running_std}, but it holds the variance (Keras 1 passes
 * it to {@code K.batch_normalization} as the variance), so it is read as such.
 */
final class KerasWeights {

    private static final String LEGACY_ROOT_OF_MODEL = "model_weights";
    private static final String KERAS3_LAYERS = "layers";

    private KerasWeights() {
    }

    /** Loads the weights of a {@code save_weights} file, of a Keras 3 {@code .weights.h5} or of a whole model file. */
    static void load(Model model, KerasH5File h5) {
        if (h5.hasAttribute("", "layer_names")) {
            loadByLayerNames(model, h5, "");
        } else if (h5.isGroup(LEGACY_ROOT_OF_MODEL) && h5.hasAttribute(LEGACY_ROOT_OF_MODEL, "layer_names")) {
            loadByLayerNames(model, h5, LEGACY_ROOT_OF_MODEL);
        } else if (h5.isGroup(KERAS3_LAYERS)) {
            loadKeras3(model, h5);
        } else {
            throw new IllegalArgumentException(h5.path() + " is an HDF5 file but holds no Keras weights: it has "
                    + "neither a layer_names attribute (Keras 1/2 save_weights), nor model_weights (Keras model.save), "
                    + "nor a layers group (Keras 3 .weights.h5); its root holds " + h5.members(""));
        }
    }

    /** The Keras 1/2 layout: {@code layer_names} and each layer's {@code weight_names}, under {@code root}. */
    static void loadByLayerNames(Model model, KerasH5File h5, String root) {
        String prefix = root.isEmpty() ? "" : root + "/";
        List<String> savedLayers = new ArrayList<>();
        List<List<String>> savedPaths = new ArrayList<>();
        for (String layerName : h5.stringsAttribute(root, "layer_names")) {
            String group = prefix + layerName;
            if (!h5.isGroup(group)) {
                throw new IllegalArgumentException(h5.path() + ": layer_names lists '" + layerName + "' but there is "
                        + "no group " + group);
            }
            List<String> weightNames = h5.stringsAttribute(group, "weight_names");
            if (weightNames.isEmpty()) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            for (String weightName : weightNames) {
                paths.add(group + "/" + weightName);
            }
            savedLayers.add(layerName);
            savedPaths.add(paths);
        }
        assign(model, h5, savedLayers, savedPaths);
    }

    /** Keras 3's layout: {@code layers/<snake_case class>[_n]/vars/0..n}, found from the model's own layers. */
    static void loadKeras3(Model model, KerasH5File h5) {
        List<String> savedLayers = new ArrayList<>();
        List<List<String>> savedPaths = new ArrayList<>();
        Set<String> visited = new LinkedHashSet<>();
        List<String> groups = keras3LayerGroups(model.layers());
        for (int index = 0; index < groups.size(); index++) {
            Layer layer = model.layers().get(index);
            String group = groups.get(index);
            visited.add(group);
            List<String> paths = new ArrayList<>();
            // A layer's own vars, or its cell's (a recurrent layer), or its inner layers' (a wrapper).
            for (Layer.Keras3Vars inner : layer.keras3Vars()) {
                String vars = group + (inner.path().isEmpty() ? "" : "/" + inner.path()) + "/vars";
                if (h5.isGroup(vars)) {
                    List<String> members = h5.members(vars);
                    for (int i = 0; i < members.size(); i++) {
                        if (!members.contains(String.valueOf(i))) {
                            throw new IllegalArgumentException(h5.path() + ": " + vars + " holds " + members
                                    + ", expected the datasets 0.." + (members.size() - 1));
                        }
                        paths.add(vars + "/" + i);
                    }
                } else if (inner.count() > 0 && Dl4jTranslator.weightCount(layer) > 0) {
                    throw new IllegalArgumentException(h5.path() + ": layer '" + layer.name() + "' ("
                            + layer.className() + ") has weights, which Keras 3 stores under " + vars + ", but the "
                            + "file has no such group; its layers are " + h5.members(KERAS3_LAYERS));
                }
            }
            if (!paths.isEmpty()) {
                savedLayers.add(group);
                savedPaths.add(paths);
            }
        }
        for (String member : h5.members(KERAS3_LAYERS)) {
            String group = KERAS3_LAYERS + "/" + member;
            if (!visited.contains(group) && h5.isGroup(group + "/vars") && !h5.members(group + "/vars").isEmpty()) {
                throw new IllegalArgumentException(h5.path() + " holds weights for " + group + ", which no layer of "
                        + "the model matches (the model's layers: " + model.layers() + ")");
            }
        }
        assign(model, h5, savedLayers, savedPaths);
    }

    /**
     * Restores a compiled model's optimizer state from Keras 3's {@code optimizer/vars/0..n}, as Keras's
     * {@code load_model} and {@code load_weights} do; nothing when the model is not compiled or the file holds no
     * optimizer (see {@link #restoreOptimizer} for a state that does not fit).
     */
    static void loadOptimizerKeras3(Model model, KerasH5File h5) {
        String vars = "optimizer/vars";
        if (!model.isCompiled() || !h5.isGroup(vars)) {
            return;
        }
        List<String> members = h5.members(vars);
        List<INDArray> values = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (!members.contains(String.valueOf(i))) {
                throw new IllegalArgumentException(h5.path() + ": " + vars + " holds " + members
                        + ", expected the datasets 0.." + (members.size() - 1));
            }
            values.add(h5.dataset(vars + "/" + i));
        }
        restoreOptimizer(model, values, h5.path() + " (" + vars + ")");
    }

    /**
     * Restores a compiled model's optimizer state from an HDF5 model file's {@code optimizer_weights}, listed in its
     * {@code weight_names} (Keras 3's variables, as keras4j and Keras 3 write them).
     */
    static void loadOptimizerHdf5(Model model, KerasH5File h5) {
        String group = "optimizer_weights";
        if (!model.isCompiled() || !h5.isGroup(group)) {
            return;
        }
        List<INDArray> values = new ArrayList<>();
        for (String name : h5.stringsAttribute(group, "weight_names")) {
            values.add(h5.dataset(group + "/" + name));
        }
        restoreOptimizer(model, values, h5.path() + " (" + group + ")");
    }

    /**
     * Sets the optimizer state; a state of another layout (another optimizer, or older Keras's variables) is not
     * restored and a warning says so, as Keras warns and trains on with a fresh optimizer state.
     */
    private static void restoreOptimizer(Model model, List<INDArray> values, String source) {
        try {
            OptimizerVariables.restore(model, values, source);
        } catch (IllegalArgumentException e) {
            System.err.println("WARNING: the optimizer state was not restored, training goes on from a fresh one "
                    + "(as Keras does): " + e.getMessage());
        }
    }

    /**
     * The group of each layer in a Keras 3 weights file: {@code layers/<class in snake case>}, numbered per class in
     * the model's order ({@code layers/dense}, {@code layers/dropout}, {@code layers/dense_1}).
     */
    static List<String> keras3LayerGroups(List<Layer> layers) {
        Map<String, Integer> used = new HashMap<>();
        List<String> groups = new ArrayList<>();
        for (Layer layer : layers) {
            String name = SnakeCase.of(layer.className());
            int count = used.merge(name, 0, (previous, zero) -> previous + 1);
            groups.add(KERAS3_LAYERS + "/" + (count == 0 ? name : name + "_" + count));
        }
        return groups;
    }

    private static void assign(Model model, KerasH5File h5, List<String> savedLayers,
            List<List<String>> savedPaths) {
        LayersWithWeights layersWithWeights = LayersWithWeights.of(model);
        layersWithWeights.requireSameCount(h5.path(), savedLayers);
        List<Integer> weighted = layersWithWeights.indices();
        List<INDArray[]> values = new ArrayList<>();
        for (int k = 0; k < weighted.size(); k++) {
            int index = weighted.get(k);
            Layer layer = model.layers().get(index);
            List<String> paths = savedPaths.get(k);
            List<INDArray> expected = model.getWeights(index);
            List<String> names = Dl4jTranslator.weightNames(layer);
            values.add(paths.size() == expected.size()
                    ? sameLayout(h5, paths, expected, names, layer)
                    : olderLayout(h5, savedLayers.get(k), paths, expected, names, layer));
        }
        for (int k = 0; k < weighted.size(); k++) {
            model.setWeights(weighted.get(k), values.get(k));
        }
    }

    /** Arrays in the layer's own layout: each shape checked before its data is read. */
    private static INDArray[] sameLayout(KerasH5File h5, List<String> paths, List<INDArray> expected,
            List<String> names, Layer layer) {
        INDArray[] arrays = new INDArray[paths.size()];
        for (int w = 0; w < paths.size(); w++) {
            long[] wanted = expected.get(w).shape();
            // The shape is checked before the data is read: a file may declare far more than it holds.
            long[] saved = h5.datasetShape(paths.get(w));
            if (!Arrays.equals(saved, wanted)) {
                throw new IllegalArgumentException(h5.path() + ": " + paths.get(w) + " has shape "
                        + Arrays.toString(saved) + " but the " + names.get(w) + " of layer '"
                        + layer.name() + "' (" + layer.className() + ") has shape " + Arrays.toString(wanted));
            }
            arrays[w] = h5.dataset(paths.get(w), wanted);
        }
        return arrays;
    }

    /**
     * Arrays in an older Keras's layout (Keras 1's per-gate recurrent arrays), which the layer converts to its own
     * ({@link Layer#kerasWeightsFrom}); they are read only when they hold exactly as many values as the layer's weights.
     */
    private static INDArray[] olderLayout(KerasH5File h5, String savedLayer, List<String> paths,
            List<INDArray> expected, List<String> names, Layer layer) {
        long wanted = expected.stream().mapToLong(INDArray::length).sum();
        long held = 0;
        for (String path : paths) {
            held += Math.min(elements(h5.datasetShape(path), wanted), wanted + 1);
            if (held > wanted) {
                break;
            }
        }
        if (held != wanted) {
            throw countError(h5, savedLayer, paths.size(), layer, expected.size(), names);
        }
        List<INDArray> saved = new ArrayList<>();
        for (String path : paths) {
            saved.add(h5.dataset(path));
        }
        List<INDArray> converted = layer.kerasWeightsFrom(saved);
        if (converted.size() != expected.size()) {
            throw countError(h5, savedLayer, paths.size(), layer, expected.size(), names);
        }
        INDArray[] arrays = new INDArray[converted.size()];
        for (int w = 0; w < converted.size(); w++) {
            long[] shape = expected.get(w).shape();
            if (!Arrays.equals(converted.get(w).shape(), shape)) {
                throw new IllegalArgumentException(h5.path() + ": the " + names.get(w) + " built from "
                        + paths.size() + " per-gate arrays of '" + savedLayer + "' has shape "
                        + Arrays.toString(converted.get(w).shape()) + " but the " + names.get(w) + " of layer '"
                        + layer.name() + "' (" + layer.className() + ") has shape " + Arrays.toString(shape));
            }
            arrays[w] = converted.get(w);
        }
        return arrays;
    }

    /** The number of values a shape holds, or more than {@code limit} (without overflowing) when it holds more. */
    private static long elements(long[] shape, long limit) {
        long count = 1;
        for (long size : shape) {
            if (size < 0 || size > 0 && count > limit / size) {
                return limit + 1;
            }
            count *= size;
        }
        return count;
    }

    private static IllegalArgumentException countError(KerasH5File h5, String savedLayer, int saved, Layer layer,
            int expected, List<String> names) {
        return new IllegalArgumentException(h5.path() + ": saved layer '" + savedLayer + "' holds " + saved
                + " weight arrays but layer '" + layer.name() + "' (" + layer.className() + ") has " + expected + " "
                + names);
    }
}
