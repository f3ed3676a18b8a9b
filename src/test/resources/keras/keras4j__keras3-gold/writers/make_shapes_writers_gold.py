"""Writes the Keras 3 gold files of keras4j's Keras file writer tests for the shape and noise layers (run from this
folder).

    python3 -m venv venv && venv/bin/pip install tensorflow-cpu keras
    KERAS_BACKEND=tensorflow venv/bin/python make_shapes_writers_gold.py

As make_writers_gold.py (same files, same meaning): each model trained three steps so that its optimizer state is
not zero, then saved:
- shapes_adam: ZeroPadding2D, Conv2D, Cropping2D, UpSampling2D, Permute, Reshape (images to sequences),
  ZeroPadding1D, Cropping1D, UpSampling1D, Flatten, Dense, RepeatVector, Flatten, Dense; .keras, .h5, .weights.h5
  and .npz;
- noise_sgd: SpatialDropout2D, GaussianNoise, GaussianDropout, Reshape, SpatialDropout1D, Flatten, Dense; .keras and
  .npz (its step draws noise at random, in Keras and in keras4j).
"""
import keras
import numpy as np
from keras import layers, optimizers

keras.utils.set_random_seed(20261208)
rng = np.random.default_rng(19)


def shapes():
    model = keras.Sequential([
        keras.Input(shape=(5, 4, 2)),
        layers.ZeroPadding2D(((1, 0), (0, 2))),
        layers.Conv2D(3, 2, activation="relu"),
        layers.Cropping2D(((1, 0), (1, 1))),
        layers.UpSampling2D((1, 2)),
        layers.Permute((2, 1, 3)),
        layers.Reshape((-1, 6)),
        layers.ZeroPadding1D(1),
        layers.Cropping1D((0, 1)),
        layers.UpSampling1D(2),
        layers.Flatten(),
        layers.Dense(3, activation="tanh"),
        layers.RepeatVector(2),
        layers.Flatten(),
        layers.Dense(2),
    ], name="shapes_adam")
    model.compile(optimizer=optimizers.Adam(0.01), loss="mse")
    x = (np.round(rng.normal(size=(6, 5, 4, 2)) * 16) / 16).astype("float32")
    y = (np.round(rng.normal(size=(6, 2)) * 16) / 16).astype("float32")
    return model, x, y, True


def noise():
    model = keras.Sequential([
        keras.Input(shape=(4, 4, 2)),
        layers.SpatialDropout2D(0.2),
        layers.GaussianNoise(0.1),
        layers.GaussianDropout(0.1),
        layers.Reshape((16, 2)),
        layers.SpatialDropout1D(0.3),
        layers.Flatten(),
        layers.Dense(2),
    ], name="noise_sgd")
    model.compile(optimizer=optimizers.SGD(0.05, momentum=0.9), loss="mse")
    x = (np.round(rng.normal(size=(6, 4, 4, 2)) * 16) / 16).astype("float32")
    y = (np.round(rng.normal(size=(6, 2)) * 16) / 16).astype("float32")
    return model, x, y, False


for model, x, y, all_formats in (shapes(), noise()):
    name = model.name
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
