"""Real Keras 3 loads the .keras and .h5 files keras4j wrote, predicts and trains on from them.

Run by keras4j's KerasLoadsKeras4jFilesTest (it skips where no Python with Keras 3 is found):

    python keras_loads_keras4j_files.py FOLDER

FOLDER holds, for each case NAME that keras4j trained and saved:
- NAME.keras and NAME.h5: keras4j's Sequential.save of the model (no .h5 for a model with recurrent layers, whose
  tf.keras 2 configs Keras 3 cannot read: time_major, a Bidirectional's inner layer without its module);
- NAME.npz: x and y (a batch), predictions (keras4j's predict(x) of the saved model), optimizer_0..n (keras4j's
  optimizer variables, in Keras 3's order), step (1 when keras4j's next training step is to be compared: models
  without dropout) and step_w0..n (keras4j's weights after one more step on x, y: fit on the file keras4j loaded
  back, one batch, no shuffling).

For each file this loads the model with keras.saving.load_model (compiled), and reports as one JSON line: the largest
difference between Keras's and keras4j's predictions, between the optimizer variables Keras restored and keras4j's,
and, after one model.train_on_batch(x, y), between Keras's weights and keras4j's. Exit status 0 unless a file fails to
load; the test judges the differences.

Keras 3 (3.15 included) cannot go on training a model it loads from any .h5 file that holds optimizer weights, its
own files included: its legacy loader builds the optimizer on model._trainable_variables, which for a Sequential are
none (the layers hold the weights), restores only iteration and learning_rate, and the next fit fails with "Unknown
variable". For .h5 files the report says so ("fit_as_loaded"), and then completes the restore the way the loader
means to: a new optimizer of the same config built on model.trainable_variables, given the file's optimizer weights
as Keras's own load_optimizer_weights_from_hdf5_group reads them (optimizer.set_weights), before the training step.
"""
import json
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.legacy.saving import legacy_h5_format  # noqa: E402


def largest_difference(ours, theirs):
    """The largest difference between two lists of arrays; None (JSON null) when their counts or shapes differ."""
    if len(ours) != len(theirs):
        return None
    worst = 0.0
    for a, b in zip(ours, theirs):
        a = np.asarray(a, dtype="float64")
        b = np.asarray(b, dtype="float64")
        if a.shape != b.shape:
            return None
        if a.size:
            worst = max(worst, float(np.max(np.abs(a - b))))
    return worst


def fit_as_loaded(folder, name, x, y):
    """What one training step does on the model exactly as load_model gives it."""
    model = keras.saving.load_model(os.path.join(folder, name + ".h5"))
    try:
        model.train_on_batch(x, y)
        return "trains"
    except ValueError as e:
        return "fails: " + str(e).split(".")[0]


def check(folder, name, suffix):
    data = np.load(os.path.join(folder, name + ".npz"))
    report = {"case": name, "file": name + suffix}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = keras.saving.load_model(os.path.join(folder, name + suffix))
        report["warnings"] = [str(w.message) for w in caught
                              if "optimizer" in str(w.message).lower() or "skipping" in str(w.message).lower()]
    x, y = data["x"], data["y"]
    report["predictions"] = largest_difference([model.predict(x, verbose=0)], [data["predictions"]])
    ours = [data["optimizer_%d" % i] for i in range(sum(1 for k in data.files if k.startswith("optimizer_")))]
    restored = [v.numpy() for v in model.optimizer.variables]
    report["restored_by_load_model"] = len(restored)
    report["restored_difference"] = largest_difference(ours[:len(restored)], restored)
    if suffix == ".h5":
        report["fit_as_loaded"] = fit_as_loaded(folder, name, x, y)
        with h5py.File(os.path.join(folder, name + suffix), "r") as f:
            saved = legacy_h5_format.load_optimizer_weights_from_hdf5_group(f)
            saved = [np.asarray(value) for value in saved]
        optimizer = model.optimizer.__class__.from_config(model.optimizer.get_config())
        model.compile(optimizer=optimizer, loss=model.loss)
        optimizer.build(model.trainable_variables)
        optimizer.set_weights(saved)
    theirs = [v.numpy() for v in model.optimizer.variables]
    report["optimizer_variables"] = len(theirs)
    report["optimizer"] = largest_difference(ours, theirs)
    report["iterations"] = int(model.optimizer.iterations.numpy())
    if int(np.asarray(data["step"]).reshape(-1)[0]):
        model.train_on_batch(x, y)
        steps = [data["step_w%d" % i] for i in range(sum(1 for k in data.files if k.startswith("step_w")))]
        report["step"] = largest_difference(steps, model.get_weights())
    return report


def main():
    folder = sys.argv[1]
    names = sorted(f[:-len(".npz")] for f in os.listdir(folder) if f.endswith(".npz"))
    print(json.dumps({"keras": keras.__version__, "backend": keras.backend.backend()}), flush=True)
    for name in names:
        for suffix in (".keras", ".h5"):
            # keras4j writes no .h5 for the recurrent case: Keras 3 cannot read tf.keras 2's recurrent configs.
            if os.path.exists(os.path.join(folder, name + suffix)):
                print(json.dumps(check(folder, name, suffix)), flush=True)


if __name__ == "__main__":
    main()
