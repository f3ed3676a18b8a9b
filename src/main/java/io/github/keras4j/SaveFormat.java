package io.github.keras4j;

import io.github.keras4j.keras.KerasFileWriter;
import java.nio.file.Path;

/**
 * The format {@link Model#save} and {@link Model#saveWeights} write, chosen by the file's name as Keras
 * chooses it: {@code .keras} is Keras 3's archive (weights: {@code .weights.h5}, Keras 3's weights file),
 * {@code .h5} and {@code .hdf5} Keras 2's HDF5 files, any other name keras4j's own (a model zip, or {@code .npz}
 * weights). Reading needs no name: the content tells the format.
 */
enum SaveFormat {
    /** keras4j's model file (architecture, weights, optimizer state, History, counters) or {@code .npz} weights. */
    KERAS4J,
    /** Keras 3's {@code .keras} archive, or its {@code .weights.h5}. */
    KERAS3,
    /** Keras 2's HDF5 model file, or its {@code save_weights} file. */
    HDF5;

    /** The format {@code save(path)} writes. */
    static SaveFormat ofModel(Path path) {
        String name = String.valueOf(path.getFileName());
        if (name.endsWith(".keras")) {
            return KERAS3;
        }
        return name.endsWith(".h5") || name.endsWith(".hdf5") ? HDF5 : KERAS4J;
    }

    /** The format {@code saveWeights(path)} writes. */
    static SaveFormat ofWeights(Path path) {
        String name = String.valueOf(path.getFileName());
        if (name.endsWith(".weights.h5")) {
            return KERAS3;
        }
        return name.endsWith(".h5") || name.endsWith(".hdf5") ? HDF5 : KERAS4J;
    }

    void saveModel(Model model, Path path) {
        switch (this) {
            case KERAS3 -> KerasFileWriter.saveKeras3(model, path);
            case HDF5 -> KerasFileWriter.saveHdf5(model, path);
            case KERAS4J -> ModelFiles.save(model, path);
        }
    }

    void saveWeights(Model model, Path path) {
        switch (this) {
            case KERAS3 -> KerasFileWriter.saveKeras3Weights(model, path);
            case HDF5 -> KerasFileWriter.saveHdf5Weights(model, path);
            case KERAS4J -> ModelFiles.saveWeights(model, path);
        }
    }
}
