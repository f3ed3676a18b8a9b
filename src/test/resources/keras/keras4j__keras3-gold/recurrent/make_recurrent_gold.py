"""Writes the Keras gold files of keras4j's recurrent-layer tests with real Keras 3 (run from this folder).

    python3 -m venv venv && venv/bin/pip install tensorflow-cpu keras
    KERAS_BACKEND=tensorflow venv/bin/python make_recurrent_gold.py

Files (small, committed, so that the tests need no Python):
- recurrent_cases.json: models with SimpleRNN, LSTM, GRU (reset_after true and false), go_backwards,
  return_sequences, Keras 3's hard_sigmoid, Masking, Embedding(mask_zero), Bidirectional (every merge mode, a separate
  backward layer), TimeDistributed(Dense), each as model.to_json() writes it, with its weights (get_weights()), an
  input batch, Keras's predictions and, for masked sequence outputs, the mask (padded steps are not compared).
- text_model.keras, text_model.h5 (model.save), text_model.weights.h5 (save_weights): Embedding(mask_zero),
  Bidirectional(LSTM), GRU and Dense, trained a little; text_input.npy and text_predictions.npy.
- tagger.keras: Masking, SimpleRNN(return_sequences), TimeDistributed(Dense); tagger_input.npy, tagger_predictions.npy.
- train_steps.json: models before one SGD step on one batch (masked sequences), the batch, Keras's loss on it and the
  weights after the step: the gradients through time, the masks and the masked losses together.
"""
import json

import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(20260315)
rng = np.random.default_rng(11)


def sixteenths(shape, scale=1.0):
    """Values in multiples of 1/16: exact in float32 and short in JSON."""
    return (np.round(rng.normal(size=shape) * 16 * scale) / 16).astype("float32")


def random_weights(model):
    """Weights away from Keras's initial ones (biases included), so that every weight matters."""
    model.set_weights([sixteenths(w.shape, 0.5) for w in model.get_weights()])


def padded(samples, steps, features, lengths, value, pre=True):
    x = sixteenths((samples, steps, features))
    mask = np.zeros((samples, steps), dtype="float32")
    for s, length in enumerate(lengths):
        if pre:
            x[s, : steps - length] = value
            mask[s, steps - length:] = 1
        else:
            x[s, length:] = value
            mask[s, :length] = 1
    return x, mask


def tokens(samples, steps, vocabulary, lengths):
    x = rng.integers(1, vocabulary, size=(samples, steps))
    mask = np.zeros((samples, steps), dtype="float32")
    for s, length in enumerate(lengths):
        x[s, : steps - length] = 0
        mask[s, steps - length:] = 1
    return x.astype("int32"), mask


def case(name, model, x, mask=None):
    random_weights(model)
    y = model.predict(x, verbose=0)
    entry = {"name": name, "model": json.loads(model.to_json()),
             "weights": [w.tolist() for w in model.get_weights()],
             "x": x.tolist(), "y": y.tolist()}
    if mask is not None:
        entry["mask"] = mask.tolist()
    return entry


def sequences(steps=5, features=3, samples=4):
    return sixteenths((samples, steps, features))


def recurrent_cases():
    L = layers
    cases = [
        case("simple_rnn", keras.Sequential([keras.Input((None, 3)), L.SimpleRNN(4)]), sequences()),
        case("simple_rnn_relu_sequences_backwards", keras.Sequential([keras.Input((5, 3)), L.SimpleRNN(
            3, activation="relu", return_sequences=True, go_backwards=True)]), sequences()),
        case("lstm", keras.Sequential([keras.Input((None, 3)), L.LSTM(4)]), sequences()),
        case("lstm_sequences_backwards", keras.Sequential([keras.Input((5, 3)), L.LSTM(
            3, return_sequences=True, go_backwards=True)]), sequences()),
        case("lstm_keras3_hard_sigmoid", keras.Sequential([keras.Input((None, 3)), L.LSTM(
            4, recurrent_activation="hard_sigmoid")]), sequences()),
        case("lstm_no_bias", keras.Sequential([keras.Input((None, 2)), L.LSTM(
            3, use_bias=False, unit_forget_bias=False)]), sequences(4, 2)),
        case("gru_reset_after", keras.Sequential([keras.Input((None, 3)), L.GRU(4)]), sequences()),
        case("gru_reset_before", keras.Sequential([keras.Input((None, 3)), L.GRU(4, reset_after=False)]),
             sequences()),
        case("gru_sequences_backwards", keras.Sequential([keras.Input((5, 3)), L.GRU(
            3, return_sequences=True, go_backwards=True)]), sequences()),
        case("gru_relu_hard_sigmoid_reset_before", keras.Sequential([keras.Input((None, 3)), L.GRU(
            3, activation="relu", recurrent_activation="hard_sigmoid", reset_after=False)]), sequences()),
        case("stacked_lstm_gru_softmax", keras.Sequential([keras.Input((None, 3)), L.LSTM(
            4, return_sequences=True), L.GRU(3), L.Dense(2, activation="softmax")]), sequences()),
        case("lstm_dropout_at_inference", keras.Sequential([keras.Input((None, 3)), L.LSTM(
            3, dropout=0.2, recurrent_dropout=0.1)]), sequences()),
        case("bidirectional_lstm_concat", keras.Sequential([keras.Input((None, 3)), L.Bidirectional(L.LSTM(3))]),
             sequences()),
        case("bidirectional_gru_sum_sequences", keras.Sequential([keras.Input((5, 3)), L.Bidirectional(
            L.GRU(2, return_sequences=True), merge_mode="sum")]), sequences()),
        case("bidirectional_lstm_gru_backward_layer", keras.Sequential([keras.Input((None, 3)), L.Bidirectional(
            L.LSTM(3), backward_layer=L.GRU(2, go_backwards=True))]), sequences()),
        case("dense_on_sequences_and_time_distributed", keras.Sequential([keras.Input((5, 3)), L.Dense(
            4, activation="tanh"), L.LSTM(3, return_sequences=True), L.TimeDistributed(L.Dense(2))]), sequences()),
    ]
    x, mask = padded(4, 6, 3, [6, 2, 4, 1], 0.0)
    cases.append(case("masking_lstm_padded_before", keras.Sequential([keras.Input((None, 3)), L.Masking(),
                                                                       L.LSTM(3)]), x))
    x, mask = padded(4, 6, 3, [6, 2, 4, 1], -1.0, pre=False)
    cases.append(case("masking_gru_padded_after_sequences", keras.Sequential([
        keras.Input((None, 3)), L.Masking(-1.0), L.GRU(3, return_sequences=True),
        L.TimeDistributed(L.Dense(2, activation="sigmoid"))]), x, mask))
    cases.append(case("masking_bidirectional_simple_rnn_mul", keras.Sequential([
        keras.Input((None, 3)), L.Masking(-1.0), L.Bidirectional(L.SimpleRNN(2), merge_mode="mul")]), x))
    cases.append(case("masking_bidirectional_lstm_ave_sequences", keras.Sequential([
        keras.Input((None, 3)), L.Masking(-1.0), L.Bidirectional(L.LSTM(2, return_sequences=True),
                                                                 merge_mode="ave")]), x, mask))
    x, mask = tokens(4, 7, 12, [7, 3, 5, 1])
    cases.append(case("embedding_mask_zero_lstm", keras.Sequential([
        keras.Input((None,), dtype="int32"), L.Embedding(12, 4, mask_zero=True), L.LSTM(3),
        L.Dense(1, activation="sigmoid")]), x))
    cases.append(case("embedding_gru_reset_before_backwards", keras.Sequential([
        keras.Input((None,), dtype="int32"), L.Embedding(12, 3, mask_zero=True),
        L.GRU(3, reset_after=False, go_backwards=True)]), x))
    x = rng.integers(0, 8, size=(3, 5)).astype("int32")
    cases.append(case("embedding_simple_rnn_sequences_dense", keras.Sequential([
        keras.Input((5,), dtype="int32"), L.Embedding(8, 3), L.SimpleRNN(2, return_sequences=True),
        L.Dense(2)]), x))
    with open("recurrent_cases.json", "w") as f:
        json.dump({"keras_version": keras.__version__, "cases": cases}, f)


def text_model():
    L = layers
    model = keras.Sequential([
        keras.Input((None,), dtype="int32"),
        L.Embedding(20, 6, mask_zero=True),
        L.Bidirectional(L.LSTM(5, return_sequences=True)),
        L.GRU(4),
        L.Dense(3, activation="softmax"),
    ], name="text_model")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    x, _ = tokens(32, 8, 20, rng.integers(1, 9, size=32))
    y = rng.integers(0, 3, size=32)
    model.fit(x, y, epochs=3, batch_size=8, verbose=0)
    model.save("text_model.keras")
    model.save("text_model.h5")
    model.save_weights("text_model.weights.h5")
    x_test, _ = tokens(6, 9, 20, [9, 4, 6, 1, 8, 2])
    np.save("text_input.npy", x_test)
    np.save("text_predictions.npy", model.predict(x_test, verbose=0))


def tagger():
    L = layers
    model = keras.Sequential([
        keras.Input((None, 2)),
        L.Masking(-1.0),
        L.SimpleRNN(4, return_sequences=True),
        L.TimeDistributed(L.Dense(1, activation="sigmoid")),
    ], name="tagger")
    random_weights(model)
    model.save("tagger.keras")
    x, mask = padded(3, 5, 2, [5, 3, 2], -1.0, pre=False)
    np.save("tagger_input.npy", x)
    np.save("tagger_predictions.npy", model.predict(x, verbose=0))


def train_steps():
    L = layers
    steps = []

    def step(name, model, loss, rate, x, y):
        random_weights(model)
        model.compile(optimizer=keras.optimizers.SGD(rate), loss=loss)
        before = {"name": name, "model": json.loads(model.to_json()), "loss": loss, "learning_rate": rate,
                  "weights": [w.tolist() for w in model.get_weights()], "x": x.tolist(), "y": y.tolist(),
                  "keras_loss": float(model.evaluate(x, y, batch_size=len(x), verbose=0))}
        model.train_on_batch(x, y)
        before["weights_after"] = [w.tolist() for w in model.get_weights()]
        steps.append(before)

    x, _ = padded(4, 5, 2, [5, 2, 3, 1], 0.0)
    step("masking_lstm_mse", keras.Sequential([keras.Input((None, 2)), L.Masking(), L.LSTM(3),
                                               L.Dense(1)]), "mse", 0.1, x, sixteenths((4, 1)))
    x, _ = tokens(4, 6, 9, [6, 2, 4, 3])
    y = rng.integers(0, 2, size=(4, 6, 1)).astype("float32")
    step("embedding_gru_sequences_masked_bce", keras.Sequential([
        keras.Input((None,), dtype="int32"), L.Embedding(9, 3, mask_zero=True), L.GRU(3, return_sequences=True),
        L.TimeDistributed(L.Dense(1, activation="sigmoid"))]), "binary_crossentropy", 0.5, x, y)
    x, _ = padded(3, 4, 3, [4, 3, 2], -1.0, pre=False)
    step("bidirectional_gru_reset_before_simple_rnn", keras.Sequential([
        keras.Input((None, 3)), L.Masking(-1.0), L.Bidirectional(L.GRU(2, reset_after=False,
                                                                      return_sequences=True)),
        L.SimpleRNN(2), L.Dense(2)]), "mse", 0.2, x, sixteenths((3, 2)))
    with open("train_steps.json", "w") as f:
        json.dump({"keras_version": keras.__version__, "steps": steps}, f)


if __name__ == "__main__":
    print("Keras", keras.__version__, "on TensorFlow", tf.__version__)
    recurrent_cases()
    text_model()
    tagger()
    train_steps()
