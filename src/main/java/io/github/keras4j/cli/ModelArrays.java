package io.github.keras4j.cli;

import io.github.keras4j.Model;
import io.github.keras4j.data.NumpyFiles;
import io.github.keras4j.run.ArrayFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * NumPy's data files for {@code evaluate} and {@code predict}: an {@code .npz} archive's arrays {@code x} and (when
 * it has one) {@code y}, as {@code np.savez(f, x=x, y=y)} writes them, or an {@code .npy} file of x alone; checked
 * against the model as a run config's arrays are ({@link ArrayFiles}).
 */
final class ModelArrays {

    private ModelArrays() {
    }

    /** Whether the data file is NumPy's rather than CSV. */
    static boolean applies(Path file) {
        return ArrayFiles.isNumpy(file);
    }

    /**
     * The file's x and y (null when the file has none and {@code needLabels} is false), checked against the model.
     *
     * @throws IllegalArgumentException for {@code --labels} (CSV's), or labels needed but absent
     */
    static ArrayFiles.Data read(Model model, Path file, List<String> labels, boolean needLabels) {
        ModelInput.requireFile(file, "NumPy file");
        if (labels != null && !labels.isEmpty()) {
            throw new IllegalArgumentException("--labels names CSV columns, but " + file + " is NumPy's: its arrays x "
                    + "and y are the inputs and the labels");
        }
        String dtype = model.layers().get(0).dtype();
        boolean archive = file.getFileName().toString().endsWith(".npz");
        boolean hasLabels = archive && NumpyFiles.names(file).contains(ArrayFiles.Y);
        if (!hasLabels) {
            if (needLabels) {
                throw new IllegalArgumentException(file + (archive ? " has no array 'y'; its arrays: "
                        + String.join(", ", NumpyFiles.names(file)) : " is one NumPy array, x alone")
                        + "; evaluate needs the labels: give an .npz archive holding x and y (np.savez(f, x=x, y=y))");
            }
            ArrayFiles arrays = archive ? ArrayFiles.archive(file, ArrayFiles.X, ArrayFiles.Y)
                    : new ArrayFiles(file, null, file, null);
            return new ArrayFiles.Data(arrays.loadX(model, dtype), null);
        }
        return ArrayFiles.archive(file, ArrayFiles.X, ArrayFiles.Y).load(model, null, dtype);
    }
}
