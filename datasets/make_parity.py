"""Writes tutorial 005's data once: random bit strings and their parity (XOR of the bits), as NumPy arrays.

Each string is encoded one-hot per bit ([1, 0] for 0, [0, 1] for 1) and padded at the start with [0, 0] steps
(Keras's pad_sequences default, padding="pre"), so that Keras's Masking() (mask_value 0.0) skips the padding and a
bit is never mistaken for it. x has shape (strings, steps, 2), y (strings, 1): 1 when the string holds an odd number
of ones. Both are int8; keras4j (and Keras) cast them to float32.

- parity_train.npz: TRAIN strings, lengths uniform in 2..20, padded to 20 steps.
- parity_test.npz: TEST held-back strings, lengths uniform in 2..20, padded to 20: none of them occurs in the
  training set (so the shortest lengths, whose strings are nearly all in the training set, have few test strings:
  lengths 2 to 4 have none, length 5 one).
- parity_length40.npz, parity_length100.npz: LONG strings of exactly 40 and 100 bits, to see whether the model
  generalises beyond the lengths it was trained on.

The generator is NumPy's PCG64 with seed SEED, so the files are the same on every machine.
Usage: python3 datasets/make_parity.py [directory]   (default: the directory of this script)
"""
import os
import sys

import numpy as np

SEED = 5
TRAIN = 2000
TEST = 1000
LONG = 500
MIN_LENGTH = 2
MAX_LENGTH = 20


def strings(rng, count, low, high):
    return [rng.integers(0, 2, size=length) for length in rng.integers(low, high + 1, size=count)]


def encode(bits, steps):
    """x (strings, steps, 2) one-hot, padded at the start with zeros; y (strings, 1) the parity."""
    x = np.zeros((len(bits), steps, 2), dtype=np.int8)
    for i, string in enumerate(bits):
        x[i, steps - len(string):, :] = np.eye(2, dtype=np.int8)[string]
    y = np.array([[string.sum() % 2] for string in bits], dtype=np.int8)
    return x, y


def main(directory):
    rng = np.random.default_rng(SEED)
    train = strings(rng, TRAIN, MIN_LENGTH, MAX_LENGTH)
    seen = {tuple(string) for string in train}
    test = []
    while len(test) < TEST:
        string = strings(rng, 1, MIN_LENGTH, MAX_LENGTH)[0]
        if tuple(string) not in seen:
            seen.add(tuple(string))
            test.append(string)
    files = {
        "parity_train.npz": encode(train, MAX_LENGTH),
        "parity_test.npz": encode(test, MAX_LENGTH),
        "parity_length40.npz": encode(strings(rng, LONG, 40, 40), 40),
        "parity_length100.npz": encode(strings(rng, LONG, 100, 100), 100),
    }
    for name, (x, y) in files.items():
        path = os.path.join(directory, name)
        np.savez_compressed(path, x=x, y=y)
        print("wrote %s: x %s, y %s, %d bytes" % (path, x.shape, y.shape, os.path.getsize(path)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
