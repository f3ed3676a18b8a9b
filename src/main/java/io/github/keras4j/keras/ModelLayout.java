package io.github.keras4j.keras;

import io.github.keras4j.internal.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The layer list of a Keras model config, whichever Keras wrote it: Keras 1 and Keras 2.0-2.1 write a Sequential's
 * {@code config} as the plain list of layers; Keras 2.2+ and tf.keras as {@code {"name", "layers"}}; Keras 3 adds
 * {@code module}, {@code registered_name}, {@code build_config} (and, in a {@code .keras} file, the
 * {@code compile_config} that {@link ModelConfig#compile} reads). A functional {@code Model}/{@code Functional} whose
 * layers form one chain from one input to one output is the same network as a Sequential, and is read as one.
 */
record ModelLayout(String name, List<Map<String, Object>> layers, int kerasVersion) {

    ModelLayout(String name, List<Map<String, Object>> layers) {
        this(name, layers, 2);
    }

    static ModelLayout of(Map<String, ?> tree, String source) {
        ModelLayout layout = layout(tree, source);
        return new ModelLayout(layout.name(), layout.layers(), kerasVersion(tree, layout.layers()));
    }

    /**
     * The major version of the Keras that wrote the tree: its {@code keras_version}, else 3 when its layers carry
     * Keras 3's {@code module} key, else 2. Where the versions differ in a name's meaning ({@code hard_sigmoid}), the
     * file's version decides.
     */
    static int kerasVersion(Map<String, ?> tree, List<Map<String, Object>> layers) {
        if (tree.get("keras_version") instanceof String version && !version.isEmpty()
                && Character.isDigit(version.charAt(0))) {
            int end = 0;
            while (end < version.length() && Character.isDigit(version.charAt(end))) {
                end++;
            }
            return Integer.parseInt(version.substring(0, end));
        }
        return layers.stream().anyMatch(layer -> layer.containsKey("module")) || tree.containsKey("module") ? 3 : 2;
    }

    private static ModelLayout layout(Map<String, ?> tree, String source) {
        ConfigReader top = ConfigReader.kerasJson(tree, source);
        String className = top.string("class_name");
        checkModule(top, "keras", className);
        // Bookkeeping: versions, the backend, Keras 3's build shapes (re-derived from the layers), and the compile
        // settings, which compile() reads from the same tree.
        top.accept("keras_version", "backend", "build_config", "compile_config");
        ModelLayout layout = switch (className) {
            case "Sequential" -> sequential(top.read("config"), source);
            case "Model", "Functional" -> functional(top.map("config"), source);
            default -> throw new UnsupportedOperationException(source + " describes a " + className + " model; keras4j "
                    + "reads Sequential models and functional models that are one chain of layers");
        };
        top.requireAllRead();
        return layout;
    }

    /** Keras 3's {@code module}/{@code registered_name}: built-in Keras objects only, not custom registered ones. */
    static void checkModule(ConfigReader entry, String modulePrefix, String className) {
        Object module = entry.read("module");
        if (module != null && !(module instanceof String text && (text.equals(modulePrefix)
                || text.startsWith(modulePrefix + ".") || text.startsWith("keras.")))) {
            throw new UnsupportedOperationException(entry.place() + ": " + className + " from module " + module
                    + " is not a built-in Keras object; keras4j reads only those");
        }
        Object registered = entry.read("registered_name");
        if (registered != null && !registered.equals(className)) {
            throw new UnsupportedOperationException(entry.place() + ": custom object '" + registered
                    + "' is not supported by keras4j (it names Python code)");
        }
    }

    private static ModelLayout sequential(Object config, String source) {
        if (config instanceof List<?> layers) {
            return new ModelLayout(null, entries(layers, source));
        }
        if (!(config instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": expected the Sequential's config to be an object or a "
                    + "list of layers, found " + KerasJson.describe(config));
        }
        ConfigReader sequential = ConfigReader.kerasJson(cast(map), source + ", Sequential config");
        String name = sequential.optional("name", null) instanceof String text ? text : null;
        List<Map<String, Object>> layers = entries(sequential.list("layers"), source);
        // Keras 3: the model's own dtype policy and trainable flag apply to layers that carry their own.
        if (!Boolean.TRUE.equals(sequential.optional("trainable", true))) {
            throw new UnsupportedOperationException(source + ": a non-trainable (frozen) model is not supported yet");
        }
        sequential.accept("dtype", "build_input_shape");
        sequential.requireAllRead();
        return new ModelLayout(name, layers);
    }

    private static ModelLayout functional(Map<String, Object> config, String source) {
        ConfigReader model = ConfigReader.kerasJson(config, source + ", functional model config");
        String name = model.optional("name", null) instanceof String text ? text : null;
        List<Map<String, Object>> layers = entries(model.list("layers"), source);
        Object inputs = model.required("input_layers");
        Object outputs = model.required("output_layers");
        if (!Boolean.TRUE.equals(model.optional("trainable", true))) {
            throw new UnsupportedOperationException(source + ": a non-trainable (frozen) model is not supported yet");
        }
        model.requireAllRead();
        for (int position = 0; position < layers.size(); position++) {
            LayerConfigs.type(layers.get(position).get("class_name"), position);
        }
        List<Map<String, Object>> chain = new ArrayList<>();
        String previous = null;
        for (int position = 0; position < layers.size(); position++) {
            Map<String, Object> entry = new java.util.LinkedHashMap<>(layers.get(position));
            String layerName = String.valueOf(entry.remove("name"));
            List<String> sources = inboundLayers(entry.remove("inbound_nodes"), source + ", layer " + position);
            List<String> expected = previous == null ? List.of() : List.of(previous);
            if (!sources.equals(expected)) {
                throw new UnsupportedOperationException(source + ": layer " + position + " '" + layerName
                        + "' takes its input from " + sources + " where a chain would take it from " + expected
                        + "; keras4j reads functional models only when they are one chain of layers");
            }
            chain.add(entry);
            previous = layerName;
        }
        if (chain.isEmpty() || !endpoint(inputs).equals(firstName(layers)) || !endpoint(outputs).equals(previous)) {
            throw new UnsupportedOperationException(source + ": the functional model's inputs " + inputs
                    + " and outputs " + outputs + " are not the two ends of one chain of layers");
        }
        return new ModelLayout(name, chain);
    }

    private static String firstName(List<Map<String, Object>> layers) {
        return String.valueOf(layers.get(0).get("name"));
    }

    /** The layer name of a single input or output: tf.keras's {@code [["name", 0, 0]]}, Keras 3's {@code ["name", 0, 0]}. */
    private static String endpoint(Object value) {
        Object single = value;
        if (single instanceof List<?> list && list.size() == 1 && list.get(0) instanceof List<?>) {
            single = list.get(0);
        }
        if (single instanceof List<?> list && list.size() == 3 && list.get(0) instanceof String name
                && Integer.valueOf(0).equals(list.get(1)) && Integer.valueOf(0).equals(list.get(2))) {
            return name;
        }
        return "(several or none: " + KerasJson.write(value) + ")";
    }

    /**
     * The layers whose outputs feed a layer: tf.keras writes {@code [[["name", 0, 0, {}]]]}, Keras 3 writes
     * {@code [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["name", 0, 0]}}], "kwargs": {}}]}.
     */
    private static List<String> inboundLayers(Object nodes, String where) {
        List<String> names = new ArrayList<>();
        if (!(nodes instanceof List<?> nodeList)) {
            throw new IllegalArgumentException(where + ": expected \"inbound_nodes\" to be a list, found "
                    + KerasJson.describe(nodes));
        }
        if (nodeList.size() > 1) {
            throw new UnsupportedOperationException(where + ": a layer called " + nodeList.size() + " times (shared "
                    + "layer) is not supported by keras4j");
        }
        for (Object node : nodeList) {
            if (node instanceof List<?> tensors) {
                for (Object tensor : tensors) {
                    if (tensor instanceof List<?> parts && parts.size() == 4 && parts.get(0) instanceof String name
                            && Integer.valueOf(0).equals(parts.get(1)) && Integer.valueOf(0).equals(parts.get(2))
                            && parts.get(3) instanceof Map<?, ?> kwargs && kwargs.isEmpty()) {
                        names.add(name);
                    } else {
                        throw new UnsupportedOperationException(where + ": inbound node " + KerasJson.write(tensor)
                                + " is not supported; keras4j reads plain calls on one tensor");
                    }
                }
            } else if (node instanceof Map<?, ?> call && call.get("args") instanceof List<?> args
                    && (call.get("kwargs") == null || call.get("kwargs") instanceof Map<?, ?> kw && kw.isEmpty())) {
                for (Object arg : args) {
                    if (arg instanceof Map<?, ?> tensor && "__keras_tensor__".equals(tensor.get("class_name"))
                            && tensor.get("config") instanceof Map<?, ?> config
                            && config.get("keras_history") instanceof List<?> history && history.size() == 3
                            && history.get(0) instanceof String name) {
                        names.add(name);
                    } else {
                        throw new UnsupportedOperationException(where + ": call argument " + KerasJson.write(arg)
                                + " is not supported; keras4j reads plain calls on one tensor");
                    }
                }
            } else {
                throw new UnsupportedOperationException(where + ": inbound node " + KerasJson.write(node)
                        + " is not supported; keras4j reads plain calls on one tensor");
            }
        }
        return names;
    }

    private static List<Map<String, Object>> entries(List<?> layers, String source) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int position = 0; position < layers.size(); position++) {
            if (!(layers.get(position) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException(source + ", layer " + position + ": expected a layer object, found "
                        + KerasJson.describe(layers.get(position)));
            }
            entries.add(cast(entry));
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
