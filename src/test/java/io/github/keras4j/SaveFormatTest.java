package io.github.keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** save and saveWeights choose the format by the file's name, as Keras does. */
class SaveFormatTest {

    @Test
    void modelsByName() {
        assertEquals(SaveFormat.KERAS3, SaveFormat.ofModel(Path.of("runs/model.keras")));
        assertEquals(SaveFormat.HDF5, SaveFormat.ofModel(Path.of("model.h5")));
        assertEquals(SaveFormat.HDF5, SaveFormat.ofModel(Path.of("model.hdf5")));
        // Keras 3 saves a model named .weights.h5 as an HDF5 model too: the name ends in .h5.
        assertEquals(SaveFormat.HDF5, SaveFormat.ofModel(Path.of("model.weights.h5")));
        assertEquals(SaveFormat.KERAS4J, SaveFormat.ofModel(Path.of("model.keras4j")));
        assertEquals(SaveFormat.KERAS4J, SaveFormat.ofModel(Path.of("model.zip")));
        assertEquals(SaveFormat.KERAS4J, SaveFormat.ofModel(Path.of("model")));
        // Keras compares names as they are: MODEL.H5 is not an .h5 name.
        assertEquals(SaveFormat.KERAS4J, SaveFormat.ofModel(Path.of("MODEL.H5")));
    }

    @Test
    void weightsByName() {
        assertEquals(SaveFormat.KERAS3, SaveFormat.ofWeights(Path.of("model.weights.h5")));
        assertEquals(SaveFormat.HDF5, SaveFormat.ofWeights(Path.of("model.h5")));
        assertEquals(SaveFormat.HDF5, SaveFormat.ofWeights(Path.of("weights.hdf5")));
        assertEquals(SaveFormat.KERAS4J, SaveFormat.ofWeights(Path.of("weights.npz")));
        assertEquals(SaveFormat.KERAS4J, SaveFormat.ofWeights(Path.of("model.keras")));
    }
}
