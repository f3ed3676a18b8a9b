/**
 * Data from files, through DataVec: {@link io.github.keras4j.data.CsvDataset} (a CSV file with a header row, read as
 * a streaming DL4J {@code DataSetIterator} or loaded into arrays, with feature normalization), its errors
 * ({@link io.github.keras4j.data.CsvFormatException}: file, line, column), and
 * {@link io.github.keras4j.data.TutorialDatasets}, the generator of the tutorials' files in {@code datasets/}.
 * Keras has no CSV reader; the options follow {@code tf.data.experimental.make_csv_dataset} and pandas.
 */
package io.github.keras4j.data;
