package io.github.keras4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The real Keras files under src/test/resources/keras/<owner__repo>/ and the gold outputs Keras saved beside them. */
final class KerasFixtures {

    private KerasFixtures() {
    }

    /** A fixture file by its path below {@code keras/}, e.g. {@code "edycoleee__ml2025/xor_model.h5"}. */
    static Path file(String relativePath) {
        URL url = KerasFixtures.class.getResource("/keras/" + relativePath);
        if (url == null) {
            throw new IllegalArgumentException("no test fixture keras/" + relativePath);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a {@code *_inputs_and_outputs.h5} file holds: the one input batch and Keras's predictions for it. */
    record Gold(INDArray inputs, INDArray predictions) {
    }

    /**
     * A fixture too large to commit (the mnist_mlp weights and gold files, 1 to 2.6 MB each), read from the folder the
     * fixtures were copied from: {@code $KERAS4J_KERAS_MODELS}, else {@code ../shared/keras-models} beside the
     * project. Where that folder is absent the calling test is reported as skipped, naming the file.
     */
    static Path large(String relativePath) {
        String folder = System.getenv().getOrDefault("KERAS4J_KERAS_MODELS", "../shared/keras-models");
        Path path = Path.of(folder, relativePath);
        Assumptions.assumeTrue(Files.isRegularFile(path), () -> "skipped: " + path.toAbsolutePath()
                + " is not there (set KERAS4J_KERAS_MODELS to the folder of ../shared/keras-models)");
        return path;
    }

    static Gold gold(String relativePath) {
        return gold(file(relativePath));
    }

    static Gold gold(Path path) {
        try (KerasH5File h5 = KerasH5File.open(path, "a Keras gold file")) {
            return new Gold(only(h5, "inputs"), only(h5, "predictions"));
        }
    }

    /** The activations Keras recorded for one layer, by the layer's Keras name. */
    static INDArray activations(Path path, String layerName) {
        try (KerasH5File h5 = KerasH5File.open(path, "a Keras gold file")) {
            return h5.dataset("activations/" + layerName);
        }
    }

    /** A float32 array from JSON's nested lists of numbers (a gold file's inputs, outputs, weights). */
    static INDArray array(Object nested) {
        List<Double> values = new ArrayList<>();
        flatten(nested, values);
        List<Long> shape = new ArrayList<>();
        for (Object level = nested; level instanceof List<?> list; level = list.isEmpty() ? null : list.get(0)) {
            shape.add((long) list.size());
        }
        return Nd4j.create(values.stream().mapToDouble(Double::doubleValue).toArray()).castTo(DataType.FLOAT)
                .reshape(shape.stream().mapToLong(Long::longValue).toArray());
    }

    private static void flatten(Object nested, List<Double> values) {
        if (nested instanceof List<?> list) {
            list.forEach(item -> flatten(item, values));
        } else {
            values.add(((Number) nested).doubleValue());
        }
    }

    /** Same shape, and no element further than {@code tolerance} from the expected one. */
    static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape());
        double difference = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber()
                .doubleValue();
        assertTrue(difference <= tolerance, "largest difference " + difference + " > " + tolerance);
    }

    private static INDArray only(KerasH5File h5, String group) {
        List<String> members = h5.members(group);
        if (members.size() != 1) {
            throw new IllegalStateException(group + " holds " + members + ", expected one dataset");
        }
        return h5.dataset(group + "/" + members.get(0));
    }
}
