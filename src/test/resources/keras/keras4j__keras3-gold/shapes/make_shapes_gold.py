"""Writes the Keras gold files of keras4j's shape and noise layer tests with real Keras 3 (run from this folder).

    python3 -m venv venv && venv/bin/pip install tensorflow-cpu keras
    KERAS_BACKEND=tensorflow venv/bin/python make_shapes_gold.py

Files (small, committed, so that the tests need no Python):
- shapes_cases.json: one model per layer and argument, Input -> layer (-> Flatten where the output is not features),
  as model.to_json() writes it, with Keras 3's config.json entry of the layer (get_config() as a .keras file holds
  it), an input batch and Keras's predictions (Reshape, Permute, RepeatVector, ZeroPadding1D/2D, UpSampling1D/2D,
  Cropping1D/2D, SpatialDropout1D/2D, GaussianNoise, GaussianDropout; the noise layers are the identity at
  inference, as in Keras).
- images.keras, images.h5 (model.save): a trained CNN through ZeroPadding2D, Cropping2D, UpSampling2D,
  SpatialDropout2D, GaussianNoise, GaussianDropout, Permute and Reshape; images_input.npy, images_predictions.npy.
- sequences.keras, sequences.h5: a trained sequence model through ZeroPadding1D, Cropping1D, UpSampling1D,
  SpatialDropout1D, Permute, Reshape, LSTM, RepeatVector and GRU (a sequence output); sequences_input.npy,
  sequences_predictions.npy.
- features.keras: Dense -> Reshape to an image -> ZeroPadding2D -> Conv2D -> Flatten -> Dense; features_input.npy,
  features_predictions.npy.
- train_step_images.keras, train_step_sequences.keras, each with _x.npy, _y.npy and _weights.npz (w0, w1...:
  model.get_weights() after one SGD(0.1) step of MSE on that batch): the gradients through every shape layer (the
  noise layers draw at random in training, so they are left out).
"""
import json
import zipfile

import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(20261206)
rng = np.random.default_rng(18)


def layer_cases():
    cases = [
        ("reshape_features_to_image", layers.Reshape((2, 3, 2)), (12,)),
        ("reshape_image_to_sequence", layers.Reshape((6, 4)), (2, 3, 4)),
        ("reshape_sequence_minus_one", layers.Reshape((-1, 2)), (3, 4)),
        ("reshape_image_to_features", layers.Reshape((24,)), (2, 4, 3)),
        ("permute_sequence", layers.Permute((2, 1)), (3, 5)),
        ("permute_image", layers.Permute((3, 1, 2)), (2, 3, 4)),
        ("permute_image_swap", layers.Permute((2, 1, 3)), (4, 3, 2)),
        ("repeat_vector", layers.RepeatVector(3), (4,)),
        ("zero_padding1d_default", layers.ZeroPadding1D(), (4, 3)),
        ("zero_padding1d_asymmetric", layers.ZeroPadding1D((2, 0)), (3, 2)),
        ("zero_padding2d_default", layers.ZeroPadding2D(), (3, 4, 2)),
        ("zero_padding2d_symmetric", layers.ZeroPadding2D((2, 1)), (3, 2, 2)),
        ("zero_padding2d_asymmetric", layers.ZeroPadding2D(((1, 0), (0, 2))), (2, 3, 2)),
        ("up_sampling1d_default", layers.UpSampling1D(), (3, 2)),
        ("up_sampling1d_3", layers.UpSampling1D(3), (2, 3)),
        ("up_sampling2d_default", layers.UpSampling2D(), (2, 3, 2)),
        ("up_sampling2d_3x1", layers.UpSampling2D((3, 1)), (2, 2, 3)),
        ("cropping1d_default", layers.Cropping1D(), (5, 2)),
        ("cropping1d_asymmetric", layers.Cropping1D((0, 2)), (5, 3)),
        ("cropping2d_default", layers.Cropping2D(), (3, 3, 2)),
        ("cropping2d_symmetric", layers.Cropping2D((1, 2)), (5, 6, 1)),
        ("cropping2d_asymmetric", layers.Cropping2D(((2, 0), (1, 1))), (5, 4, 2)),
        ("spatial_dropout1d", layers.SpatialDropout1D(0.4), (4, 3)),
        ("spatial_dropout2d", layers.SpatialDropout2D(0.4), (3, 3, 2)),
        ("gaussian_noise", layers.GaussianNoise(0.3), (5,)),
        ("gaussian_dropout", layers.GaussianDropout(0.3), (2, 2, 3)),
    ]
    written = []
    for name, layer, shape in cases:
        stack = [keras.Input(shape=shape), layer]
        if len(layer.compute_output_shape((None,) + shape)) > 2:
            stack.append(layers.Flatten())
        model = keras.Sequential(stack, name=name)
        # Multiples of 1/16: exact in float32 and short in JSON.
        x = (np.round(rng.normal(size=(3,) + shape) * 16) / 16).astype("float32")
        y = model.predict(x, verbose=0)
        keras3 = keras.saving.serialize_keras_object(layer)
        written.append({"name": name, "model": json.loads(model.to_json()), "keras3_layer": keras3,
                        "x": x.tolist(), "y": y.tolist()})
    with open("shapes_cases.json", "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": written}, f)


def trained(model, x, y, loss="mse"):
    model.compile(optimizer="adam", loss=loss)
    model.fit(x, y, epochs=3, batch_size=8, verbose=0)
    return model


def save(model, name, x_test, h5=True):
    model.save(name + ".keras")
    if h5:
        model.save(name + ".h5")
    np.save(name + "_input.npy", x_test)
    np.save(name + "_predictions.npy", model.predict(x_test, verbose=0))


def images():
    model = keras.Sequential([
        keras.Input(shape=(8, 7, 2)),
        layers.ZeroPadding2D(((1, 2), (0, 1))),
        layers.Conv2D(3, 3, activation="relu"),
        layers.Cropping2D(((1, 0), (2, 1))),
        layers.UpSampling2D((2, 1)),
        layers.SpatialDropout2D(0.3),
        layers.GaussianNoise(0.2),
        layers.GaussianDropout(0.2),
        layers.Permute((2, 1, 3)),
        layers.Conv2D(2, 2, activation="tanh"),
        layers.Reshape((-1,)),
        layers.Dense(3, activation="softmax"),
    ], name="shapes_images")
    x = rng.normal(size=(32, 8, 7, 2)).astype("float32")
    y = keras.utils.to_categorical(rng.integers(0, 3, size=32), 3)
    trained(model, x, y, "categorical_crossentropy")
    save(model, "images", rng.normal(size=(4, 8, 7, 2)).astype("float32"))


def sequences():
    model = keras.Sequential([
        keras.Input(shape=(6, 3)),
        layers.ZeroPadding1D((1, 2)),
        layers.Dense(4, activation="tanh"),
        layers.Cropping1D((2, 1)),
        layers.UpSampling1D(2),
        layers.SpatialDropout1D(0.3),
        layers.GaussianNoise(0.1),
        layers.Permute((2, 1)),
        layers.Reshape((6, 8)),
        layers.LSTM(5),
        layers.RepeatVector(3),
        layers.GRU(2, return_sequences=True),
    ], name="shapes_sequences")
    x = rng.normal(size=(32, 6, 3)).astype("float32")
    y = rng.normal(size=(32, 3, 2)).astype("float32")
    trained(model, x, y)
    save(model, "sequences", rng.normal(size=(4, 6, 3)).astype("float32"))


def features():
    model = keras.Sequential([
        keras.Input(shape=(6,)),
        layers.Dense(12, activation="tanh"),
        layers.Reshape((2, 2, 3)),
        layers.ZeroPadding2D(1),
        layers.Conv2D(2, 2, activation="relu"),
        layers.Flatten(),
        layers.Dense(2),
    ], name="shapes_features")
    x = rng.normal(size=(32, 6)).astype("float32")
    y = rng.normal(size=(32, 2)).astype("float32")
    trained(model, x, y)
    save(model, "features", rng.normal(size=(4, 6)).astype("float32"), h5=False)


def train_step(name, model, x_shape, y_shape):
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    model.save(name + ".keras")
    x = rng.normal(size=x_shape).astype("float32")
    y = rng.normal(size=y_shape).astype("float32")
    np.save(name + "_x.npy", x)
    np.save(name + "_y.npy", y)
    model.train_on_batch(x, y)
    np.savez(name + "_weights.npz", **{"w%d" % i: w for i, w in enumerate(model.get_weights())})


def train_steps():
    train_step("train_step_images", keras.Sequential([
        keras.Input(shape=(5, 4, 2)),
        layers.ZeroPadding2D(((1, 0), (2, 1))),
        layers.Conv2D(3, 2, activation="tanh"),
        layers.Cropping2D(((1, 1), (0, 2))),
        layers.UpSampling2D((1, 2)),
        layers.Permute((2, 1, 3)),
        layers.Conv2D(2, 2, activation="tanh"),
        layers.Reshape((-1, 4)),
        layers.Flatten(),
        layers.Dense(2),
    ], name="shapes_train_step_images"), (4, 5, 4, 2), (4, 2))
    train_step("train_step_sequences", keras.Sequential([
        keras.Input(shape=(5, 3)),
        layers.ZeroPadding1D((2, 1)),
        layers.Dense(4, activation="tanh"),
        layers.Cropping1D((1, 2)),
        layers.UpSampling1D(2),
        layers.Permute((2, 1)),
        layers.Reshape((5, 8)),
        layers.SimpleRNN(3),
        layers.RepeatVector(2),
        layers.SimpleRNN(2, return_sequences=True),
    ], name="shapes_train_step_sequences"), (4, 5, 3), (4, 2, 2))


if __name__ == "__main__":
    print("Keras", keras.__version__, "on TensorFlow", tf.__version__)
    layer_cases()
    images()
    sequences()
    features()
    train_steps()
