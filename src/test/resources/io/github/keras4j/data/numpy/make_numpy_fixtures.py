"""Writes the NumPy files NumpyFilesTest and ArrayDataTest read, with NumPy itself (python3 make_numpy_fixtures.py).

Each array's values are small whole numbers, so that the Java test can state them: value = index in C order,
offset per file. Run once; the files are committed.
"""
import numpy as np

seq = np.arange(2 * 3 * 1, dtype=np.float32).reshape(2, 3, 1)          # (samples, timesteps, features)
np.save("seq_f4.npy", seq)
np.save("seq_f8.npy", seq.astype(np.float64))
np.save("seq_f4_big_endian.npy", seq.astype(">f4"))
np.save("seq_f8_fortran.npy", np.asfortranarray(seq.astype(np.float64)))
np.save("tokens_i1.npy", np.arange(6, dtype=np.int8).reshape(2, 3))
np.save("tokens_i4.npy", np.arange(6, dtype=np.int32).reshape(2, 3))
np.save("tokens_i8.npy", np.arange(6, dtype=np.int64).reshape(2, 3))
np.save("tokens_u1.npy", np.arange(250, 256, dtype=np.uint8).reshape(2, 3))
np.save("labels_bool.npy", np.array([True, False]))
np.save("labels_f2.npy", np.array([1, 0], dtype=np.float16))              # float16: refused
np.save("scalar_f8.npy", np.float64(7))

# A small sequence task: 4 samples of 3 timesteps of 1 feature, padded with -1 at the start; y per sample.
x = np.array([[[-1], [0], [1]], [[1], [1], [0]], [[-1], [-1], [1]], [[0], [0], [0]]], dtype=np.int8)
y = np.array([1, 0, 1, 0], dtype=np.int8)
np.savez("task.npz", x=x, y=y)
np.savez_compressed("task_compressed.npz", x=x, y=y.reshape(4, 1).astype(bool))
np.savez("splits.npz", x_train=x, y_train=y, x_test=x[:2], y_test=y[:2])
np.save("task_x.npy", x)
np.save("task_y.npy", y)
