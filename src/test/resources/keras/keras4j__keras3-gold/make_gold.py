"""Writes the real-Keras-3 files and gold values that keras4j's tests read (run from this directory):

    python3 -m venv V && V/bin/pip install tensorflow-cpu keras && V/bin/python make_gold.py

Written with Keras 3.15.1 on TensorFlow 2.21.0 (CPU). Every model is trained briefly, saved, loaded back with
keras.saving.load_model (so Keras itself reads the file compiled) and evaluated on its data in one batch; gold.json
holds the data and labels, Keras's evaluate results by metric name (from the model that was saved; the loaded one
gives the same values), the names Keras logs in fit, the predictions of the loaded model and the saved training
config. "losses" holds each loss class's get_config(), its arguments
(which Keras 3 leaves out of some configs: Huber's delta) and the batch loss Keras computes on fixed data.
zero_lr_early_stopping in gold.json is a fit whose LearningRateScheduler returns 0 for some epochs, with
EarlyStopping on the loss: the initial weights, the losses logged, the learning rates and where Keras stopped.
"""
import json
import os
import zipfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import h5py
import keras
import numpy as np

keras.utils.set_random_seed(7)
rng = np.random.default_rng(7)

# Iris-like: three clusters of 4 features, 10 samples each, two decimals as in the iris file.
centres = np.array([[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]])
iris_x = np.round(np.concatenate([c + rng.normal(0, 0.35, (10, 4)) for c in centres]), 2).astype("float32")
iris_classes = np.repeat(np.arange(3), 10)
iris_y = keras.utils.to_categorical(iris_classes, 3).astype("float32")

# Churn-like: 5 features, a noisy linear rule for the binary label.
churn_x = np.round(rng.normal(0, 1, (40, 5)), 2).astype("float32")
churn_y = ((churn_x @ np.array([1.0, -0.8, 0.5, 0.0, 0.3]) + rng.normal(0, 0.7, 40)) > 0).astype("float32")
churn_y = churn_y.reshape(-1, 1)


def classifier(inputs, hidden, outputs, activation):
    return keras.Sequential([keras.Input((inputs,)), keras.layers.Dense(hidden, activation="relu"),
                             keras.layers.Dense(outputs, activation=activation)])


def training_config(path):
    if path.endswith(".keras"):
        with zipfile.ZipFile(path) as archive:
            return json.loads(archive.read("config.json"))["compile_config"]
    with h5py.File(path, "r") as f:
        return json.loads(f.attrs["training_config"])


gold = {"keras_version": keras.__version__, "data": {
    "iris": {"x": iris_x.tolist(), "y": iris_y.tolist(), "classes": iris_classes.tolist()},
    "churn": {"x": churn_x.tolist(), "y": churn_y.tolist()}}, "models": {}}


def save(name, model, data, labels, epochs=40):
    x = np.array(gold["data"][data]["x"], dtype="float32")
    y = np.array(labels, dtype="float32")
    history = model.fit(x, y, epochs=epochs, batch_size=8, verbose=0)
    model.save(name)
    results = model.evaluate(x, y, batch_size=len(x), verbose=0, return_dict=True)
    # Keras reads the file compiled and evaluates it alike (a reloaded .h5 logs 'mse' as 'mean_squared_error').
    loaded = keras.saving.load_model(name)
    reloaded = loaded.evaluate(x, y, batch_size=len(x), verbose=0, return_dict=True)
    assert sorted(float(v) for v in results.values()) == sorted(float(v) for v in reloaded.values()), reloaded
    gold["models"][name] = {"data": data, "labels": y.tolist(), "logged": sorted(history.history.keys()),
                            "evaluate": {k: float(v) for k, v in results.items()},
                            "predict": loaded.predict(x, verbose=0).tolist(),
                            "training_config": training_config(name)}


# metrics=['accuracy'] as a tutorial writes it: Keras 3 stores the string.
model = classifier(4, 8, 3, "softmax")
model.compile("adam", "categorical_crossentropy", metrics=["accuracy"])
save("iris_accuracy.h5", model, "iris", iris_y)

# The accuracy Keras makes of 'accuracy' for these shapes, as a metric object: MeanMetricWrapper with its fn;
# Keras's metric classes with arguments; a loss object with label smoothing.
model = classifier(4, 8, 3, "softmax")
model.compile(keras.optimizers.SGD(0.1), keras.losses.CategoricalCrossentropy(label_smoothing=0.1), metrics=[
    keras.metrics.MeanMetricWrapper(keras.metrics.categorical_accuracy, name="accuracy"),
    keras.metrics.Precision(thresholds=0.4), keras.metrics.Recall(class_id=1),
    keras.metrics.AUC(num_thresholds=50), "mse", keras.metrics.CategoricalAccuracy(name="ca")])
save("iris_metric_objects.h5", model, "iris", iris_y)

# Logits out, integer labels, metrics as a list per output, in a .keras file (compile_config).
model = classifier(4, 8, 3, None)
model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=[["accuracy", keras.metrics.SparseCategoricalAccuracy(name="sca")]])
save("iris_logits.keras", model, "iris", iris_classes.reshape(-1, 1))

# The binary classifier: 'accuracy' as a MeanMetricWrapper of binary_accuracy, thresholds, a PR AUC.
model = classifier(5, 6, 1, "sigmoid")
model.compile("adam", keras.losses.BinaryCrossentropy(label_smoothing=0.05), metrics=[
    keras.metrics.MeanMetricWrapper(keras.metrics.binary_accuracy, name="accuracy"),
    keras.metrics.BinaryAccuracy(threshold=0.6, name="acc60"), keras.metrics.AUC(curve="PR"),
    keras.metrics.Recall()])
save("churn_metric_objects.h5", model, "churn", churn_y)

# The same binary model as a tutorial compiles it.
model = classifier(5, 6, 1, "sigmoid")
model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
save("churn_accuracy.h5", model, "churn", churn_y)

# A LearningRateScheduler that returns 0 for epochs 3 to 6, with EarlyStopping on the loss (patience 2): the weights
# stay as they are while the rate is 0, so the loss stops improving and Keras stops.
xor_x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
xor_y = np.array([[0], [1], [1], [0]], dtype="float32")
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="tanh"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(keras.optimizers.SGD(0.5), "binary_crossentropy")
initial = [w.tolist() for w in model.get_weights()]
kernels = []
schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.0 if 3 <= epoch <= 6 else 0.5)
stopping = keras.callbacks.EarlyStopping(monitor="loss", patience=2)
recorder = keras.callbacks.LambdaCallback(
    on_epoch_end=lambda epoch, logs: kernels.append(model.get_weights()[0].tolist()))
history = model.fit(xor_x, xor_y, epochs=20, batch_size=4, shuffle=False, verbose=0,
                    callbacks=[schedule, stopping, recorder])
gold["zero_lr_early_stopping"] = {
    "x": xor_x.tolist(), "y": xor_y.tolist(), "initial_weights": initial, "epochs": 20, "patience": 2,
    "zero_epochs": [3, 4, 5, 6], "rate": 0.5, "loss": [float(v) for v in history.history["loss"]],
    "learning_rate": [float(v) for v in history.history["learning_rate"]],
    "stopped_epoch": int(stopping.stopped_epoch), "kernels": kernels}

# Every loss class keras4j has: get_config() of Keras's defaults, and of instances with arguments, with the batch
# loss Keras computes for them on fixed labels and outputs (logits where from_logits, probabilities otherwise).
probabilities = np.array([[0.9, 0.05, 0.05], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.6, 0.3, 0.1]], dtype="float32")
logits = np.array([[2.0, -1.0, 0.5], [0.3, 1.2, -0.4], [-1.5, 0.2, 2.2], [1.0, 1.0, -2.0]], dtype="float32")
one_hot = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]], dtype="float32")
binary = np.array([[1, 0, 0], [0, 1, 1], [1, 1, 0], [0, 0, 1]], dtype="float32")
regression = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [0.2, 0.9, 3.0], [-2.0, 1.0, 0.3]], dtype="float32")
classes = np.array([[0], [1], [2], [1]], dtype="float32")
L = keras.losses
cases = [
    ("MeanSquaredError", L.MeanSquaredError(), regression, logits),
    ("MeanSquaredError", L.MeanSquaredError(reduction="sum", name="mse_sum"), regression, logits),
    ("MeanAbsoluteError", L.MeanAbsoluteError(), regression, logits),
    ("MeanAbsolutePercentageError", L.MeanAbsolutePercentageError(), regression, logits),
    ("MeanSquaredLogarithmicError", L.MeanSquaredLogarithmicError(), one_hot, probabilities),
    ("BinaryCrossentropy", L.BinaryCrossentropy(), binary, probabilities),
    ("BinaryCrossentropy", L.BinaryCrossentropy(label_smoothing=0.1), binary, probabilities),
    ("BinaryCrossentropy", L.BinaryCrossentropy(from_logits=True), binary, logits),
    ("BinaryCrossentropy", L.BinaryCrossentropy(from_logits=True, label_smoothing=0.25, reduction="sum"), binary,
     logits),
    ("CategoricalCrossentropy", L.CategoricalCrossentropy(), one_hot, probabilities),
    ("CategoricalCrossentropy", L.CategoricalCrossentropy(label_smoothing=0.2), one_hot, probabilities),
    ("CategoricalCrossentropy", L.CategoricalCrossentropy(from_logits=True), one_hot, logits),
    ("CategoricalCrossentropy", L.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1), one_hot, logits),
    ("SparseCategoricalCrossentropy", L.SparseCategoricalCrossentropy(), classes, probabilities),
    ("SparseCategoricalCrossentropy", L.SparseCategoricalCrossentropy(from_logits=True), classes, logits),
    ("Hinge", L.Hinge(), binary, logits),
    ("SquaredHinge", L.SquaredHinge(), binary, logits),
    ("KLDivergence", L.KLDivergence(), one_hot, probabilities),
    ("Poisson", L.Poisson(), one_hot, probabilities),
    ("CosineSimilarity", L.CosineSimilarity(), regression, logits),
    ("LogCosh", L.LogCosh(), regression, logits),
    ("Huber", L.Huber(), regression, logits),
    ("Huber", L.Huber(delta=0.5), regression, logits),
]
gold["losses"] = [{"class_name": name, "config": loss.get_config(),
                   "arguments": {k: v for k, v in getattr(loss, "_fn_kwargs", {}).items()},
                   "y_true": y.tolist(), "y_pred": p.tolist(), "loss": float(loss(y, p))}
                  for name, loss, y, p in cases]

with open("gold.json", "w") as out:
    json.dump(gold, out, indent=1)
    out.write("\n")
print(json.dumps({name: {"evaluate": m["evaluate"], "logged": m["logged"]} for name, m in gold["models"].items()},
                 indent=1))
z = gold["zero_lr_early_stopping"]
print("zero-lr fit: losses", z["loss"], "stopped_epoch", z["stopped_epoch"])
