"""Writes the Keras 3 gold files of keras4j's Keras file writer tests for recurrent models (run from this folder).

    python3 -m venv venv && venv/bin/pip install tensorflow-cpu keras
    KERAS_BACKEND=tensorflow venv/bin/python make_recurrent_writers_gold.py

As make_writers_gold.py (same files, same meaning), for the layers of sequences: each model trained three steps so
that its optimizer state is not zero, then saved:
- text_rnn_adam: Embedding(mask_zero), Bidirectional(LSTM, return_sequences), GRU and Dense(softmax) on token
  indices padded with zeros; .keras, .h5, .weights.h5 and .npz;
- tagger_rnn_sgd: Masking, SimpleRNN(return_sequences), TimeDistributed(Dense), GRU(reset_after=False) and Dense on
  sequences padded with zeros, SGD with momentum; .keras and .npz.
"""
import keras
import numpy as np
from keras import layers, optimizers

keras.utils.set_random_seed(20261207)
rng = np.random.default_rng(18)


def text_rnn():
    model = keras.Sequential([
        keras.Input(shape=(None,), dtype="int32"),
        layers.Embedding(12, 4, mask_zero=True),
        layers.Bidirectional(layers.LSTM(3, return_sequences=True)),
        layers.GRU(3),
        layers.Dense(2, activation="softmax"),
    ], name="text_rnn_adam")
    model.compile(optimizer=optimizers.Adam(0.01), loss="categorical_crossentropy", metrics=["accuracy"])
    x = rng.integers(1, 12, size=(6, 5)).astype("int32")
    for sample, length in enumerate([5, 2, 4, 1, 3, 5]):
        x[sample, : 5 - length] = 0
    y = np.eye(2, dtype="float32")[rng.integers(0, 2, size=6)]
    return model, x, y, True


def tagger_rnn():
    model = keras.Sequential([
        keras.Input(shape=(None, 2)),
        layers.Masking(),
        layers.SimpleRNN(3, return_sequences=True),
        layers.TimeDistributed(layers.Dense(2, activation="tanh")),
        layers.GRU(2, reset_after=False),
        layers.Dense(1),
    ], name="tagger_rnn_sgd")
    model.compile(optimizer=optimizers.SGD(0.05, momentum=0.9), loss="mse")
    # Multiples of 1/16: exact in float32.
    x = (np.round(rng.normal(size=(6, 4, 2)) * 16) / 16).astype("float32")
    for sample, length in enumerate([4, 2, 3, 4, 1, 4]):
        x[sample, length:] = 0
    y = (np.round(rng.normal(size=(6, 1)) * 16) / 16).astype("float32")
    return model, x, y, False


for model, x, y, all_formats in (text_rnn(), tagger_rnn()):
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
