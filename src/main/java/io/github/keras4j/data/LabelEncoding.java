package io.github.keras4j.data;

/**
 * How a {@link CsvDataset} turns its label columns into the label array.
 * <ul>
 * <li>{@link #NUMERIC} (the default): every label column's numbers as they are, one output column each. This is
 * also what {@code sparse_categorical_crossentropy} wants from a column of integer class indices, and what pandas's
 * {@code df[label_columns].to_numpy()} gives.</li>
 * <li>{@link #ONE_HOT}: one class column becomes {@code numClasses} columns of 0 and 1, as
 * {@code keras.utils.to_categorical(y, num_classes)} (integer labels 0..k-1) or Keras's
 * {@code StringLookup(vocabulary=names, num_oov_indices=0, output_mode='one_hot')} (class names) does.</li>
 * <li>{@link #CLASS_INDEX}: one class column becomes one column of class indices 0..k-1, checked against the number
 * of classes, or mapped from class names in the given order ({@code StringLookup(vocabulary=names,
 * num_oov_indices=0)}), for {@code sparse_categorical_crossentropy}.</li>
 * </ul>
 */
public enum LabelEncoding {
    NUMERIC,
    ONE_HOT,
    CLASS_INDEX
}
