package io.github.keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.keras4j.Backend;
import io.github.keras4j.Fit;
import io.github.keras4j.History;
import io.github.keras4j.Sequential;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every layer type does in a model, checked the same way for each: a few fit steps lower the loss, and the model
 * trained comes back the same from keras4j's own file, Keras 3's {@code .keras}, Keras 2's {@code .h5} and Keras's
 * JSON with its weights.
 */
final class LayerRoundTrips {

    private LayerRoundTrips() {
    }

    /** Fits {@code model} (compiled) for {@code epochs} on x, y and checks that the loss went down. */
    static void trains(Sequential model, INDArray x, INDArray y, int epochs) {
        History history = model.fit(x, y, Fit.epochs(epochs).batchSize(8).verbose(0));
        List<Double> losses = history.history().get("loss");
        assertTrue(losses.get(losses.size() - 1) < losses.get(0), "the loss went down: " + losses);
    }

    /** Saves the model in every format keras4j writes, reloads each and compares predictions and configs. */
    static void savesAndReloads(Sequential model, INDArray x, Path folder) {
        INDArray predictions = model.predict(x, 32, 0);
        for (String file : List.of("model.keras4j", "model.keras", "model.h5")) {
            Path path = folder.resolve(file);
            model.save(path);
            Backend.clearSession();
            Sequential loaded = Sequential.load(path);
            assertEquals(model.toJson(), loaded.toJson(), file);
            assertEquals(0, predictions.sub(loaded.predict(x, 32, 0)).amaxNumber().doubleValue(), 1e-6, file);
        }
        Backend.clearSession();
        Sequential fromJson = Sequential.fromJson(model.toJson());
        fromJson.setWeights(model.getWeights());
        assertEquals(model.toJson(), fromJson.toJson());
        assertEquals(0, predictions.sub(fromJson.predict(x, 32, 0)).amaxNumber().doubleValue(), 1e-6);
    }
}
