"""Keras 3 gold files for keras4j's Normalization layer: models with an adapted Normalization (weights mean,
variance, count), one with mean and variance given as arguments (no weights) and one with invert=True, saved as
.keras and .h5 with their predictions on fixed inputs (CSV, 9 significant digits). Run with Keras 3.15:
    ../../../../../../../venv-keras/bin/python make_normalization_gold.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras

keras.utils.set_random_seed(7)
rng = np.random.default_rng(7)
adapt_data = (rng.normal(size=(50, 3)) * [1.0, 10.0, 0.01] + [5.0, -2.0, 0.5]).astype("float32")
inputs = (rng.normal(size=(6, 3)) * [1.0, 10.0, 0.01] + [5.0, -2.0, 0.5]).astype("float32")


def save(model, name):
    model.save(name + ".keras")
    model.save(name + ".h5")
    np.savetxt(name + "_inputs.csv", inputs, delimiter=",", fmt="%.9e")
    np.savetxt(name + "_predictions.csv", model.predict(inputs, verbose=0), delimiter=",", fmt="%.9e")


norm = keras.layers.Normalization()
norm.adapt(adapt_data)
adapted = keras.Sequential([keras.Input((3,)), norm, keras.layers.Dense(4, activation="tanh"), keras.layers.Dense(1)])
adapted.compile(optimizer="adam", loss="mse")
save(adapted, "adapted")

given = keras.Sequential([keras.Input((3,)), keras.layers.Normalization(mean=[5.0, -2.0, 0.5],
                                                                        variance=[1.0, 100.0, 1e-4]),
                          keras.layers.Dense(2, activation="relu")])
given.compile(optimizer="sgd", loss="mse")
save(given, "given")

inverted_layer = keras.layers.Normalization(invert=True)
inverted_layer.adapt(adapt_data)
inverted = keras.Sequential([keras.Input((3,)), keras.layers.Dense(3), inverted_layer])
inverted.compile(optimizer="sgd", loss="mse")
save(inverted, "inverted")

# adapt() alone: the statistics Keras computes for the adapt data (mean, population variance).
np.savetxt("adapt_data.csv", adapt_data, delimiter=",", fmt="%.9e")
with open("adapt_statistics.json", "w") as f:
    json.dump({"mean": norm.adapt_mean.numpy().tolist(), "variance": norm.adapt_variance.numpy().tolist(),
               "count": int(norm.count.numpy()), "config": norm.get_config()}, f, indent=1)
