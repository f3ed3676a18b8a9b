"""Writes the Keras 3 gold files of keras4j's Keras file writer tests with real Keras 3 (run from this folder).

    python3 -m venv venv && venv/bin/pip install tensorflow-cpu keras
    KERAS_BACKEND=tensorflow venv/bin/python make_writers_gold.py

Every layer type keras4j has that Keras 3 has (all but ThresholdedReLU, which Keras 3 dropped) and every optimizer,
each model trained three steps so that its optimizer state is not zero, then saved (files small, committed, so
that the tests need no Python):
- NAME.keras (model.save): the layout keras4j's .keras files are checked against, key by key and dataset by
  dataset, and the optimizer state keras4j reads back;
- NAME.h5 (model.save, Keras 3's legacy HDF5) and NAME.weights.h5 (model.save_weights) for the first models;
- NAME.npz: x and y (the batch it trained on), predictions (model.predict(x) of the saved model), and, after
  keras.saving.load_model(NAME.keras) and one model.train_on_batch(x, y), step_loss and step_w0, step_w1...
  (model.get_weights()), the step keras4j must take from the same file.
"""
import keras
import numpy as np
from keras import layers, optimizers

keras.utils.set_random_seed(20261206)
rng = np.random.default_rng(16)


def mlp(name, optimizer, inputs=3, outputs=2, loss="mse", metrics=None):
    model = keras.Sequential([keras.Input(shape=(inputs,)), layers.Dense(4, activation="tanh"),
                              layers.Dense(outputs)], name=name)
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics)
    return model


def models():
    dense = keras.Sequential([
        keras.Input(shape=(4,)),
        layers.Dense(8, activation="relu", kernel_regularizer=keras.regularizers.L2(0.01)),
        layers.Dropout(0.25),
        layers.Dense(3, activation="softmax"),
    ], name="dense_adam")
    dense.compile(optimizer=optimizers.Adam(0.01), loss="categorical_crossentropy", metrics=["accuracy"])
    cnn = keras.Sequential([
        keras.Input(shape=(6, 6, 2)),
        layers.Conv2D(3, 2, activation="relu"),
        layers.BatchNormalization(),
        layers.MaxPooling2D(2, strides=1),
        layers.AveragePooling2D(2),
        layers.Flatten(),
        layers.Dense(2, activation="sigmoid"),
    ], name="cnn_sgd_momentum")
    cnn.compile(optimizer=optimizers.SGD(0.05, momentum=0.9), loss="binary_crossentropy",
                metrics=["binary_accuracy"])
    activations = keras.Sequential([
        keras.Input(shape=(5,)),
        layers.Dense(6), layers.ELU(0.5),
        layers.Dense(6), layers.LeakyReLU(0.2),
        layers.Dense(6), layers.ReLU(max_value=6.0),
        layers.Dense(6), layers.PReLU(),
        layers.Dense(6), layers.Activation("tanh"),
        layers.Dense(3), layers.Softmax(),
    ], name="activations_rmsprop")
    activations.compile(optimizer=optimizers.RMSprop(0.01, momentum=0.5, centered=True), loss="mse")
    return [
        (dense, True), (cnn, True), (activations, True),
        (mlp("adagrad", optimizers.Adagrad(0.1)), False),
        (mlp("adadelta", optimizers.Adadelta(1.0)), False),
        (mlp("adamax", optimizers.Adamax(0.02)), False),
        (mlp("nadam", optimizers.Nadam(0.02)), False),
        (mlp("sgd_nesterov", optimizers.SGD(0.1, momentum=0.8, nesterov=True)), False),
        (mlp("sgd", optimizers.SGD(0.1)), False),
        (mlp("adam_amsgrad", optimizers.Adam(0.02, amsgrad=True)), False),
        (mlp("adam_decay", optimizers.Adam(optimizers.schedules.InverseTimeDecay(0.02, 1, 0.1))), False),
    ]


def batch(model):
    shape = model.input_shape[1:]
    # Multiples of 1/16: exact in float32.
    x = (np.round(rng.normal(size=(6,) + shape) * 16) / 16).astype("float32")
    units = model.output_shape[-1]
    if model.loss == "categorical_crossentropy":
        y = np.eye(units, dtype="float32")[rng.integers(0, units, size=6)]
    elif model.loss == "binary_crossentropy":
        y = rng.integers(0, 2, size=(6, units)).astype("float32")
    else:
        y = (np.round(rng.normal(size=(6, units)) * 16) / 16).astype("float32")
    return x, y


for model, all_formats in models():
    name = model.name
    x, y = batch(model)
    model.fit(x, y, batch_size=2, epochs=1, shuffle=False, verbose=0)
    model.save(name + ".keras")
    if all_formats:
        model.save(name + ".h5")
        model.save_weights(name + ".weights.h5")
    predictions = model.predict(x, verbose=0)
    loaded = keras.saving.load_model(name + ".keras")
    loss = loaded.train_on_batch(x, y)
    loss = loss[0] if isinstance(loss, list) else loss
    arrays = {"x": x, "y": y, "predictions": predictions, "step_loss": np.array([loss], dtype="float64")}
    for i, weight in enumerate(loaded.get_weights()):
        arrays["step_w%d" % i] = weight
    np.savez(name + ".npz", **arrays)
    print(name, "written")
