"""Writes tutorial 006's data: the 8x8 handwritten digits of the UCI repository as two CSV files, once.

Source: "Optical Recognition of Handwritten Digits", E. Alpaydin and C. Kaynak, UCI Machine Learning Repository,
https://doi.org/10.24432/C50P49, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). The 1797
images are the copy scikit-learn ships (sklearn.datasets.load_digits: the UCI set's test part), read here from
Debian's python3-sklearn (apt-get install python3-sklearn); nothing is downloaded.

Each row is one image, row by row (pixel_R_C, R the row and C the column, as scikit-learn names them), then its
digit (label). The UCI pixels count the set pixels of a 4x4 block, 0 to 16; they are written divided by 16, so
that the model sees values in [0, 1] as a Keras tutorial's x / 16.0 gives (k / 16 is exact in binary and needs at
most four decimals, so the files hold the values exactly). The split is fixed: 360 test images (20%), stratified
by digit, scikit-learn's train_test_split with random_state 6; the other 1437 images train.

Usage: python3 datasets/make_digits.py [directory]   (default: the directory of this script)
"""
import os
import sys

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

TEST_IMAGES = 360
SPLIT_SEED = 6


def value(count):
    """count / 16 in the fewest decimals that hold it exactly: 0, 0.0625, 0.5, 1."""
    text = "%.4f" % (count / 16.0)
    return text.rstrip("0").rstrip(".") if "." in text else text


def write(path, images, labels):
    header = ["pixel_%d_%d" % (r, c) for r in range(8) for c in range(8)] + ["label"]
    temporary = path + ".tmp"
    with open(temporary, "w", newline="\n") as out:
        out.write(",".join(header) + "\n")
        for image, label in zip(images, labels):
            counts = [int(v) for v in image]
            if len(counts) != 64 or any(v != c or not 0 <= c <= 16 for v, c in zip(image, counts)):
                raise ValueError("an image that is not 64 whole counts 0..16")
            out.write(",".join(value(c) for c in counts) + ",%d\n" % int(label))
    os.replace(temporary, path)


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    digits = load_digits()
    if digits.data.shape != (1797, 64):
        raise ValueError("expected 1797 images of 64 pixels, found %s" % (digits.data.shape,))
    x_train, x_test, y_train, y_test = train_test_split(digits.data, digits.target, test_size=TEST_IMAGES,
                                                        stratify=digits.target, random_state=SPLIT_SEED)
    write(os.path.join(directory, "digits_train.csv"), x_train, y_train)
    write(os.path.join(directory, "digits_test.csv"), x_test, y_test)
    print("wrote %d training and %d test images to %s" % (len(y_train), len(y_test), directory))


if __name__ == "__main__":
    main()
