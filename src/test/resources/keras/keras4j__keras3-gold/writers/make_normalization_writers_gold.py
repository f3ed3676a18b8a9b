"""Writes the Keras 3 gold files of keras4j's Keras file writer tests for the Normalization layer (run from this folder).

    python3 -m venv venv && venv/bin/pip install tensorflow-cpu keras
    KERAS_BACKEND=tensorflow venv/bin/python make_normalization_writers_gold.py

As make_writers_gold.py (same files, same meaning): normalization_adam, an adapted Normalization (weights mean,
variance and count), Dense(tanh), a Normalization given its mean and variance with invert=True (no weights) and
Dense, trained three steps with Adam; .keras, .h5, .weights.h5 and .npz. The first Normalization is built by the
model (input shape (None, 3)) before adapt(), as keras4j writes it; adapt() on an unbuilt layer would record the
adapt data's shape in its build_config. The .npz holds the count (an int64 scalar) as a float32 of shape (1,).
"""
import keras
import numpy as np
from keras import layers, optimizers

keras.utils.set_random_seed(20261208)
rng = np.random.default_rng(19)

normalization = layers.Normalization()
model = keras.Sequential([
    keras.Input(shape=(3,)),
    normalization,
    layers.Dense(4, activation="tanh"),
    layers.Normalization(mean=[0.5], variance=[4.0], invert=True),
    layers.Dense(2),
], name="normalization_adam")
normalization.adapt((rng.normal(size=(40, 3)) * [1.0, 8.0, 0.5] + [2.0, -3.0, 0.25]).astype("float32"))
model.compile(optimizer=optimizers.Adam(0.01), loss="mse")
# Multiples of 1/16: exact in float32.
x = (np.round(rng.normal(size=(6, 3)) * 16) / 16).astype("float32")
y = (np.round(rng.normal(size=(6, 2)) * 16) / 16).astype("float32")

name = model.name
model.fit(x, y, batch_size=2, epochs=1, shuffle=False, verbose=0)
model.save(name + ".keras")
model.save(name + ".h5")
model.save_weights(name + ".weights.h5")
predictions = model.predict(x, verbose=0)
loaded = keras.saving.load_model(name + ".keras")
loss = loaded.train_on_batch(x, y)
loss = loss[0] if isinstance(loss, list) else loss
arrays = {"x": x, "y": y, "predictions": predictions, "step_loss": np.array([loss], dtype="float64")}
for i, weight in enumerate(loaded.get_weights()):
    # ND4J's npz reader takes no 0-d int64 array: Normalization's count is stored as a float32 of shape (1,).
    arrays["step_w%d" % i] = weight.astype("float32").reshape(1) if weight.ndim == 0 else weight
np.savez(name + ".npz", **arrays)
print(name, "written")
