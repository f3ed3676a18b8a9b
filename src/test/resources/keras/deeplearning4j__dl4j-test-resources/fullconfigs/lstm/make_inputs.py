"""Packs the 283 input sequences of predict.py (deeplearning4j/dl4j-test-resources,
src/main/resources/modelimport/keras/fullconfigs/lstm/data/sequences/<i>.csv, 4 rows of 13 columns each, of which
predict.py feeds the first 12) into one array, inputs.npy [283, 4, 12] float32, in predict.py's order, so that the
test reads one small file instead of 283. Run from a checkout of that folder: python3 make_inputs.py
"""
import numpy as np

sequences = [np.loadtxt("data/sequences/{}.csv".format(i), delimiter=";")[:, :12] for i in range(283)]
np.save("inputs.npy", np.array(sequences, dtype="float32"))
