"""Writes the Keras gold files of keras4j's pooling tests with real Keras 3 (run from this folder).

    python3 -m venv venv && venv/bin/pip install tensorflow-cpu keras
    KERAS_BACKEND=tensorflow venv/bin/python make_pooling_gold.py

Files (small, committed, so that the tests need no Python):
- pooling_cases.json: models Input -> MaxPooling2D / AveragePooling2D -> Flatten as model.to_json() writes them,
  each with an input batch and Keras's predictions for it (valid and same padding, odd sizes, strides other than
  the pool size, all-negative inputs, where zero padding would win a max).
- cnn.keras, cnn.h5 (model.save) and cnn.weights.h5 (model.save_weights): a small trained CNN with Conv2D,
  MaxPooling2D, AveragePooling2D (same padding), Flatten, Dense; cnn_input.npy and cnn_predictions.npy.
- train_step.keras, train_step_x.npy, train_step_y.npy: a CNN with both poolings (same padding) before one SGD(0.1)
  step of MSE on that batch, and train_step_weights.npz (w0, w1...: model.get_weights() after the step).
"""
import json

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(20260101)
rng = np.random.default_rng(7)


def pooling_cases():
    cases = [
        ("max_default", keras.layers.MaxPooling2D(), (6, 5, 3), False),
        ("max_3_stride_2_same", keras.layers.MaxPooling2D(3, strides=2, padding="same"), (7, 6, 2), False),
        ("max_2x3_stride_1x2_valid", keras.layers.MaxPooling2D((2, 3), strides=(1, 2)), (5, 7, 2), False),
        ("max_2_same_negative", keras.layers.MaxPooling2D(2, padding="same"), (5, 5, 1), True),
        ("max_3x2_stride_2x3_same_negative", keras.layers.MaxPooling2D((3, 2), strides=(2, 3), padding="same"),
         (7, 8, 2), True),
        ("average_2", keras.layers.AveragePooling2D(2), (6, 5, 3), False),
        ("average_3_stride_2_same", keras.layers.AveragePooling2D(3, strides=2, padding="same"), (7, 6, 2), False),
        ("average_3_stride_1_same", keras.layers.AveragePooling2D(3, strides=1, padding="same"), (4, 5, 2), False),
        ("average_2x3_stride_2x1_valid", keras.layers.AveragePooling2D((2, 3), strides=(2, 1)), (5, 7, 2), False),
        ("average_4x2_stride_3x2_same", keras.layers.AveragePooling2D((4, 2), strides=(3, 2), padding="same"),
         (8, 5, 1), False),
    ]
    written = []
    for name, layer, shape, negative in cases:
        model = keras.Sequential([keras.Input(shape=shape), layer, keras.layers.Flatten()], name=name)
        # Multiples of 1/16: exact in float32 and short in JSON.
        x = (np.round(rng.normal(size=(3,) + shape) * 16) / 16).astype("float32")
        if negative:
            x = -np.abs(x) - 0.5
        y = model.predict(x, verbose=0)
        written.append({"name": name, "model": json.loads(model.to_json()), "x": x.tolist(), "y": y.tolist()})
    with open("pooling_cases.json", "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": written}, f)


def cnn():
    model = keras.Sequential([
        keras.Input(shape=(9, 8, 2)),
        keras.layers.Conv2D(4, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(6, 2, activation="relu"),
        keras.layers.AveragePooling2D(2, strides=1, padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(3, activation="softmax"),
    ], name="pooling_cnn")
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    x = rng.normal(size=(32, 9, 8, 2)).astype("float32")
    y = keras.utils.to_categorical(rng.integers(0, 3, size=32), 3)
    model.fit(x, y, epochs=3, batch_size=8, verbose=0)
    model.save("cnn.keras")
    model.save("cnn.h5")
    model.save_weights("cnn.weights.h5")
    x_test = rng.normal(size=(5, 9, 8, 2)).astype("float32")
    np.save("cnn_input.npy", x_test)
    np.save("cnn_predictions.npy", model.predict(x_test, verbose=0))


def train_step():
    model = keras.Sequential([
        keras.Input(shape=(7, 6, 2)),
        keras.layers.Conv2D(3, 2, activation="tanh", padding="same"),
        keras.layers.AveragePooling2D(3, strides=2, padding="same"),
        keras.layers.MaxPooling2D(2, padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(2),
    ], name="pooling_train_step")
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    model.save("train_step.keras")
    x = rng.normal(size=(4, 7, 6, 2)).astype("float32")
    y = rng.normal(size=(4, 2)).astype("float32")
    np.save("train_step_x.npy", x)
    np.save("train_step_y.npy", y)
    model.train_on_batch(x, y)
    np.savez("train_step_weights.npz", **{"w%d" % i: w for i, w in enumerate(model.get_weights())})


if __name__ == "__main__":
    print("Keras", keras.__version__, "on TensorFlow", tf.__version__)
    pooling_cases()
    cnn()
    train_step()
