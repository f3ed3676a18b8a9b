"""The Keras 3 peer of bench/Bench.java: the same networks written as a Keras user writes them (the tutorials'
code and Keras's examples/mnist_mlp.py), on the backend KERAS_BACKEND names (jax or tensorflow), one workload per
process. Usage: KERAS_BACKEND=jax python bench/keras_bench.py WORKLOAD THREADS [quick], THREADS a number or
"default". Prints RESULT lines like Bench.java. bench/run.sh runs it in its virtual environment (pip: keras, jax,
tensorflow-cpu); for one thread it also sets the backend's own thread settings (XLA_FLAGS for JAX) before start.

Training steps are timed through model.fit, as the tutorials train (one fit call of many epochs for the XOR
networks: per step = fit time / epochs); predict is timed both as model.predict (Keras's API, as keras4j's
predict) and as a direct call model(x) (what a Keras server would call for one row)."""
import os
import sys
import time

import numpy as np

from worker_stats import peak_rss_kb, quantile

XOR_WARMUP, XOR_ROUNDS, XOR_STEPS = 1500, 15, 300
WIDE_WARMUP, WIDE_ROUNDS, WIDE_STEPS = 5, 12, 3
MNIST_ROWS, MNIST_BATCH, MNIST_WARMUP, MNIST_ROUNDS = 1280, 128, 3, 12
PREDICT_WARMUP, PREDICT_ROUNDS, PREDICT_CALLS = 200, 15, 50


def set_threads(threads):
    if threads == "default":
        return
    if os.environ.get("KERAS_BACKEND") == "tensorflow":
        import tensorflow as tf
        tf.config.threading.set_intra_op_parallelism_threads(int(threads))
        tf.config.threading.set_inter_op_parallelism_threads(int(threads))


import keras  # noqa: E402  (after the environment is read)


def dense_stack(sizes, last_activation, dropout=0.0):
    layers = [keras.Input((sizes[0],))]
    for i, units in enumerate(sizes[1:]):
        last = i == len(sizes) - 2
        layers.append(keras.layers.Dense(units, activation=last_activation if last else "relu"))
        if dropout and not last:
            layers.append(keras.layers.Dropout(dropout))
    return keras.Sequential(layers)


def fit_per_step(model, x, y, batch_size, warmup_epochs, rounds, epochs_per_round, steps_per_epoch):
    model.fit(x, y, batch_size=batch_size, epochs=warmup_epochs, verbose=0)
    per_step = []
    for _ in range(rounds):
        start = time.perf_counter()
        model.fit(x, y, batch_size=batch_size, epochs=epochs_per_round, verbose=0)
        per_step.append((time.perf_counter() - start) * 1e6 / (epochs_per_round * steps_per_epoch))
    return per_step


def xor(hidden, quick):
    warmup, rounds, steps = (XOR_WARMUP // 3, 7, 150) if quick else (XOR_WARMUP, XOR_ROUNDS, XOR_STEPS)
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
    y = np.array([[0], [1], [1], [0]], dtype="float32")
    model = dense_stack([2] + [16] * hidden + [1], "sigmoid")
    model.compile(optimizer=keras.optimizers.Adam(), loss="mean_squared_error", metrics=["binary_accuracy"])
    return fit_per_step(model, x, y, 4, warmup, rounds, steps, 1)


class EpochTimer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.times = []

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self.start)


def gauss(epochs):
    """Tutorial 004: 10,000 gaussian points, 2-4-4-2, SGD momentum 0.99, binary cross-entropy, batch 100."""
    rng = np.random.default_rng(1)
    x = rng.standard_normal((10000, 2)).astype("float32")
    same = (x[:, 0] * x[:, 1] > 0).astype("float32")
    y = np.stack([same, 1 - same], axis=1)
    model = dense_stack([2, 4, 4, 2], "softmax")
    model.compile(optimizer=keras.optimizers.SGD(momentum=0.99), loss="binary_crossentropy")
    timer = EpochTimer()
    start = time.perf_counter()
    model.fit(x, y, batch_size=100, epochs=epochs, verbose=0, callbacks=[timer])
    print("RESULT impl=keras workload=gauss_total seconds=%.2f epochs=%d" % (time.perf_counter() - start, epochs))
    return [t * 1e6 / 100 for t in timer.times]


def mnist_model():
    model = dense_stack([784, 512, 512, 10], "softmax", dropout=0.2)
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def mnist(quick):
    rng = np.random.default_rng(1)
    x = rng.random((MNIST_ROWS, 784), dtype="float32")
    y = keras.utils.to_categorical(rng.integers(0, 10, MNIST_ROWS), 10).astype("float32")
    return fit_per_step(mnist_model(), x, y, MNIST_BATCH, MNIST_WARMUP, 5 if quick else MNIST_ROUNDS, 1,
                        MNIST_ROWS // MNIST_BATCH)


def predict(quick, call):
    row = np.random.default_rng(1).random((1, 784), dtype="float32")
    model = mnist_model()
    if call:
        def once():
            keras.ops.convert_to_numpy(model(row, training=False))
    else:
        def once():
            model.predict(row, verbose=0)
    for _ in range(PREDICT_WARMUP):
        once()
    per_call = []
    for _ in range(7 if quick else PREDICT_ROUNDS):
        start = time.perf_counter()
        for _ in range(PREDICT_CALLS):
            once()
        per_call.append((time.perf_counter() - start) * 1e6 / PREDICT_CALLS)
    return per_call


def wide():
    rng = np.random.default_rng(1)
    x = rng.random((256, 784), dtype="float32")
    y = keras.utils.to_categorical(rng.integers(0, 10, 256), 10).astype("float32")
    model = dense_stack([784, 1024, 1024, 10], "softmax")
    model.compile(optimizer=keras.optimizers.Adam(), loss="categorical_crossentropy")
    return fit_per_step(model, x, y, 256, WIDE_WARMUP, WIDE_ROUNDS, WIDE_STEPS, 1)


def sgemm(m, k, n):
    """The backend's own float32 matrix product through keras.ops (a crippled peer shows here)."""
    rng = np.random.default_rng(1)
    a = keras.ops.convert_to_tensor(rng.random((m, k), dtype="float32"))
    b = keras.ops.convert_to_tensor(rng.random((k, n), dtype="float32"))

    def once():
        c = keras.ops.matmul(a, b)
        if hasattr(c, "block_until_ready"):
            c.block_until_ready()
        else:
            c.numpy()  # TensorFlow: forces the product (a 16 MB copy at most, a few % of it)

    for _ in range(3):
        once()
    per_call = []
    for _ in range(10 if m == 2048 else 40):
        start = time.perf_counter()
        once()
        per_call.append((time.perf_counter() - start) * 1e6)
    return per_call


def backend_version():
    backend = keras.backend.backend()
    if backend == "jax":
        import jax
        return "jax-" + jax.__version__
    import tensorflow as tf
    return "tensorflow-" + tf.__version__


def main():
    workload, threads = sys.argv[1], sys.argv[2]
    quick = len(sys.argv) > 3 and sys.argv[3] == "quick"
    set_threads(threads)
    runs = {"xor": lambda: xor(1, quick), "deepxor": lambda: xor(7, quick),
            "gauss": lambda: gauss(20 if quick else 200), "mnist": lambda: mnist(quick),
            "predict": lambda: predict(quick, False), "predict_call": lambda: predict(quick, True),
            "wide": wide, "sgemm": lambda: sgemm(2048, 2048, 2048), "sgemm_wide": lambda: sgemm(256, 1024, 1024)}
    values = runs[workload]()
    print("RESULT impl=keras workload=%s median=%.1f p10=%.1f p90=%.1f n=%d rss_kb=%d version=keras-%s/%s" % (
        workload, quantile(values, 0.5), quantile(values, 0.1), quantile(values, 0.9), len(values), peak_rss_kb(),
        keras.__version__, backend_version()))


if __name__ == "__main__":
    main()
