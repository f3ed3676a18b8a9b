"""Writes the Keras gold files of keras4j's 1-D convolution, 1-D and global pooling and LayerNormalization tests with
real Keras 3 (run from this folder).

    python3 -m venv venv && venv/bin/pip install tensorflow-cpu keras
    KERAS_BACKEND=tensorflow venv/bin/python make_conv1d_gold.py

Files (small, committed, so that the tests need no Python):
- conv1d_cases.json: models with Conv1D (valid, same and causal padding, strides, dilation, no bias, an unknown
  length), MaxPooling1D and AveragePooling1D (valid and same, strides), GlobalAveragePooling1D/2D and
  GlobalMaxPooling1D/2D (keepdims both ways, a masked mean after Embedding(mask_zero)) and LayerNormalization (on
  features, sequences and images; center, scale, epsilon), each as model.to_json() writes it, with its weights
  (get_weights()), an input batch and Keras's predictions.
- cnn1d.keras, cnn1d.h5 (model.save) and cnn1d.weights.h5 (save_weights): a small trained sequence CNN with every
  layer above; cnn1d_input.npy and cnn1d_predictions.npy. images.keras: Conv2D, LayerNormalization,
  GlobalMaxPooling2D, Dense; images_input.npy, images_predictions.npy.
- train_steps.json: models before one SGD step on one batch, the batch, Keras's loss on it and the weights after the
  step: the gradients through each layer.
"""
import json

import keras
import numpy as np
import tensorflow as tf
from keras import layers as L

keras.utils.set_random_seed(20261206)
rng = np.random.default_rng(13)


def sixteenths(shape, scale=1.0):
    """Values in multiples of 1/16: exact in float32 and short in JSON."""
    return (np.round(rng.normal(size=shape) * 16 * scale) / 16).astype("float32")


def random_weights(model):
    """Weights away from Keras's initial ones (biases, gamma and beta included), so that every weight matters. A
    LayerNormalization's gamma stays away from 0: a zero scale makes a channel constant, and a global maximum over
    tied values is where backends differ (TensorFlow shares the gradient among the ties, DL4J gives it to one)."""
    model.set_weights([1 + sixteenths(w.shape, 0.25) if w.path.endswith("gamma") else sixteenths(w.shape, 0.5)
                       for w in model.weights])


def case(name, layers, x):
    model = keras.Sequential(layers, name=name)
    random_weights(model)
    y = model.predict(x, verbose=0)
    return {"name": name, "model": json.loads(model.to_json()),
            "weights": [w.tolist() for w in model.get_weights()], "x": x.tolist(), "y": y.tolist()}


def tokens(samples, steps, vocabulary, lengths):
    x = rng.integers(1, vocabulary, size=(samples, steps))
    for s, length in enumerate(lengths):
        x[s, length:] = 0
    return x.astype("int32")


def cases():
    I = keras.Input
    s = sixteenths
    written = [
        case("conv1d_valid", [I((7, 3)), L.Conv1D(4, 3)], s((3, 7, 3))),
        case("conv1d_same_stride_2_even_length", [I((8, 2)), L.Conv1D(3, 3, strides=2, padding="same")],
             s((3, 8, 2))),
        case("conv1d_same_kernel_4_stride_3", [I((7, 3)), L.Conv1D(2, 4, strides=3, padding="same",
                                                                    activation="sigmoid")], s((2, 7, 3))),
        case("conv1d_causal_dilation_2_relu", [I((9, 2)), L.Conv1D(3, 3, padding="causal", dilation_rate=2,
                                                                    activation="relu")], s((3, 9, 2))),
        case("conv1d_valid_dilation_3_tanh", [I((8, 3)), L.Conv1D(2, 2, dilation_rate=3, activation="tanh")],
             s((2, 8, 3))),
        case("conv1d_same_dilation_2", [I((6, 2)), L.Conv1D(2, 3, padding="same", dilation_rate=2)], s((2, 6, 2))),
        case("conv1d_causal_stride_2", [I((7, 2)), L.Conv1D(2, 3, padding="causal", strides=2)], s((2, 7, 2))),
        case("conv1d_no_bias_stride_2", [I((7, 2)), L.Conv1D(3, 2, strides=2, use_bias=False)], s((2, 7, 2))),
        case("conv1d_unknown_length_causal", [I((None, 3)), L.Conv1D(2, 3, padding="causal")], s((2, 6, 3))),
        case("max_pooling1d_default", [I((7, 3)), L.MaxPooling1D()], s((3, 7, 3))),
        case("max_pooling1d_3_stride_2_same_negative", [I((8, 2)), L.MaxPooling1D(3, strides=2, padding="same")],
             -np.abs(s((2, 8, 2))) - 0.5),
        case("average_pooling1d_2_valid_odd", [I((7, 3)), L.AveragePooling1D(2)], s((2, 7, 3))),
        case("average_pooling1d_3_stride_1_same", [I((5, 2)), L.AveragePooling1D(3, strides=1, padding="same")],
             s((2, 5, 2))),
        case("average_pooling1d_4_stride_3_same", [I((8, 2)), L.AveragePooling1D(4, strides=3, padding="same")],
             s((2, 8, 2))),
        case("global_average_pooling1d", [I((5, 3)), L.GlobalAveragePooling1D()], s((3, 5, 3))),
        case("global_max_pooling1d", [I((None, 3)), L.GlobalMaxPooling1D()], s((3, 4, 3))),
        case("global_average_pooling1d_keepdims", [I((5, 2)), L.GlobalAveragePooling1D(keepdims=True)],
             s((2, 5, 2))),
        case("global_max_pooling1d_keepdims_dense", [I((5, 2)), L.GlobalMaxPooling1D(keepdims=True), L.Dense(3)],
             s((2, 5, 2))),
        case("global_average_pooling2d", [I((4, 5, 3)), L.GlobalAveragePooling2D()], s((2, 4, 5, 3))),
        case("global_max_pooling2d", [I((4, 5, 3)), L.GlobalMaxPooling2D()], s((2, 4, 5, 3))),
        case("global_average_pooling2d_keepdims_flatten", [I((3, 4, 2)), L.GlobalAveragePooling2D(keepdims=True),
                                                            L.Flatten()], s((2, 3, 4, 2))),
        case("global_max_pooling2d_keepdims_flatten", [I((3, 4, 2)), L.GlobalMaxPooling2D(keepdims=True),
                                                        L.Flatten()], s((2, 3, 4, 2))),
        case("conv2d_global_average_pooling2d_dense", [I((6, 5, 2)), L.Conv2D(3, 3, activation="relu"),
                                                        L.GlobalAveragePooling2D(), L.Dense(2)], s((2, 6, 5, 2))),
        case("embedding_mask_zero_global_average_pooling1d", [
            I((None,), dtype="int32"), L.Embedding(10, 4, mask_zero=True), L.GlobalAveragePooling1D(),
            L.Dense(2, activation="softmax")], tokens(4, 6, 10, [6, 2, 4, 1])),
        case("layer_normalization_features", [I((5,)), L.Dense(4), L.LayerNormalization()], s((3, 5))),
        case("layer_normalization_sequences_no_center_epsilon", [I((4, 3)), L.LayerNormalization(
            epsilon=1e-5, center=False)], s((2, 4, 3))),
        case("layer_normalization_images_no_scale", [I((3, 4, 2)), L.LayerNormalization(scale=False),
                                                      L.Flatten()], s((2, 3, 4, 2))),
        case("conv1d_layer_normalization_pooling_dense", [
            I((10, 3)), L.Conv1D(4, 3, padding="same", activation="relu"), L.LayerNormalization(),
            L.MaxPooling1D(2), L.Conv1D(3, 2, dilation_rate=2, padding="causal"), L.GlobalMaxPooling1D(),
            L.Dense(2, activation="softmax")], s((3, 10, 3))),
    ]
    with open("conv1d_cases.json", "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": written}, f)


def cnn1d():
    model = keras.Sequential([
        keras.Input((12, 3)),
        L.Conv1D(6, 3, padding="causal", dilation_rate=2, activation="relu"),
        L.LayerNormalization(),
        L.MaxPooling1D(2),
        L.Conv1D(5, 3, strides=2, padding="same", activation="tanh"),
        L.AveragePooling1D(2, padding="same"),
        L.GlobalAveragePooling1D(),
        L.Dense(3, activation="softmax"),
    ], name="cnn1d")
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    x = rng.normal(size=(32, 12, 3)).astype("float32")
    y = keras.utils.to_categorical(rng.integers(0, 3, size=32), 3)
    model.fit(x, y, epochs=3, batch_size=8, verbose=0)
    model.save("cnn1d.keras")
    model.save("cnn1d.h5")
    model.save_weights("cnn1d.weights.h5")
    x_test = rng.normal(size=(5, 12, 3)).astype("float32")
    np.save("cnn1d_input.npy", x_test)
    np.save("cnn1d_predictions.npy", model.predict(x_test, verbose=0))


def images():
    model = keras.Sequential([
        keras.Input((6, 6, 2)),
        L.Conv2D(4, 3, activation="relu", padding="same"),
        L.LayerNormalization(),
        L.GlobalMaxPooling2D(),
        L.Dense(2, activation="sigmoid"),
    ], name="images")
    random_weights(model)
    model.save("images.keras")
    x = rng.normal(size=(4, 6, 6, 2)).astype("float32")
    np.save("images_input.npy", x)
    np.save("images_predictions.npy", model.predict(x, verbose=0))


def train_steps():
    steps = []

    def step(name, layers, loss, rate, x, y):
        model = keras.Sequential(layers, name=name)
        random_weights(model)
        model.compile(optimizer=keras.optimizers.SGD(rate), loss=loss)
        entry = {"name": name, "model": json.loads(model.to_json()), "loss": loss, "learning_rate": rate,
                 "weights": [w.tolist() for w in model.get_weights()], "x": x.tolist(), "y": y.tolist(),
                 "keras_loss": float(model.evaluate(x, y, batch_size=len(x), verbose=0))}
        model.train_on_batch(x, y)
        entry["weights_after"] = [w.tolist() for w in model.get_weights()]
        steps.append(entry)

    step("conv1d_same_stride_layer_norm_max_pool_global_average", [
        keras.Input((9, 3)), L.Conv1D(4, 3, strides=2, padding="same", activation="tanh"), L.LayerNormalization(),
        L.MaxPooling1D(2, padding="same"), L.GlobalAveragePooling1D(), L.Dense(2)],
        "mse", 0.1, sixteenths((4, 9, 3)), sixteenths((4, 2)))
    step("conv1d_causal_dilation_average_pool_flatten", [
        keras.Input((8, 2)), L.Conv1D(3, 2, padding="causal", dilation_rate=3), L.AveragePooling1D(3, strides=2),
        L.Flatten(), L.Dense(1)], "mse", 0.05, sixteenths((3, 8, 2)), sixteenths((3, 1)))
    step("conv1d_valid_global_max_sequences_output", [
        keras.Input((7, 2)), L.Conv1D(3, 3, activation="relu"), L.LayerNormalization(center=False, epsilon=0.01),
        L.Conv1D(2, 2)], "mse", 0.1, sixteenths((2, 7, 2)), sixteenths((2, 4, 2)))
    step("conv2d_layer_norm_global_max_pooling2d", [
        keras.Input((5, 5, 2)), L.Conv2D(3, 2, activation="relu"), L.LayerNormalization(),
        L.GlobalMaxPooling2D(), L.Dense(2)], "mse", 0.1, sixteenths((3, 5, 5, 2)), sixteenths((3, 2)))
    step("global_average_pooling2d_keepdims_flatten_dense", [
        keras.Input((4, 4, 3)), L.Conv2D(2, 3, padding="same"), L.GlobalAveragePooling2D(keepdims=True),
        L.Flatten(), L.Dense(1, activation="sigmoid")], "binary_crossentropy", 0.5, sixteenths((3, 4, 4, 3)),
        rng.integers(0, 2, size=(3, 1)).astype("float32"))
    step("embedding_mask_zero_global_average_pooling1d", [
        keras.Input((None,), dtype="int32"), L.Embedding(9, 3, mask_zero=True), L.GlobalAveragePooling1D(),
        L.Dense(2)], "mse", 0.2, tokens(4, 5, 9, [5, 2, 3, 1]), sixteenths((4, 2)))
    with open("train_steps.json", "w") as f:
        json.dump({"keras_version": keras.__version__, "steps": steps}, f)


if __name__ == "__main__":
    print("Keras", keras.__version__, "on TensorFlow", tf.__version__)
    cases()
    cnn1d()
    images()
    train_steps()
