package io.github.keras4j.data;

import io.github.keras4j.Backend;
import io.github.keras4j.internal.NativeLibraries;
import io.github.keras4j.internal.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A CSV file with a header row as training data: which columns are features, which are labels and how the labels
 * are encoded, the batch size, the float type and the feature normalization. Keras has no CSV reader; the options
 * follow {@code tf.data.experimental.make_csv_dataset} and pandas's {@code read_csv} where they have one. It is an
 * immutable value: each setter returns a changed copy, and checks its argument against the file's header at once.
 *
 * <pre>{@code
 * CsvDataset xor = new CsvDataset("datasets/xor.csv").labelColumns("y");          // features: x1, x2
 * model.fit(xor.iterator(), Fit.epochs(500).verbose(0));                           // streams the file
 *
 * CsvDataset train = new CsvDataset("datasets/gaussian_xor_train.csv")
 *         .labelColumns("label").oneHot(2).batchSize(100).normalize(Normalization.STANDARDIZE);
 * CsvData arrays = train.load();                                                   // small files: in memory
 * }</pre>
 *
 * <p>Defaults: delimiter {@code ','} (make_csv_dataset's {@code field_delim}, pandas's {@code delimiter}); the
 * quote character {@code '"'}; no label columns; features are every column that is not a label column, in file
 * order; labels {@link LabelEncoding#NUMERIC}; batch size 32 (make_csv_dataset requires one; 32 is Keras's
 * {@code fit} default); dtype {@link Backend#floatx()} when the dataset is created; {@link Normalization#NONE}.
 * Column indices count from 0, as pandas's {@code usecols} and make_csv_dataset's {@code select_columns} do;
 * selected columns come in the order given (pandas's {@code df[[...]]}).
 *
 * <p>Read it in two ways: {@link #iterator()} streams the file batch by batch (a file larger than the memory
 * trains), {@link #load()} reads it into two arrays (small files; {@code Fit}'s shuffling and validation split then
 * apply). Every bad cell or row fails with a {@link CsvFormatException} naming the file, the line and the column;
 * nothing is skipped or filled in (pandas would read a missing value as NaN, make_csv_dataset would use a column
 * default).
 */
public final class CsvDataset {

    static {
        // Before this entry point's first ND4J call: ND4J's BLAS and native build (docs/performance.md).
        NativeLibraries.configure();
    }

    /** make_csv_dataset's default {@code field_delim} and pandas's default delimiter. */
    public static final char DEFAULT_DELIMITER = ',';
    /** Keras's {@code fit} default; make_csv_dataset has no default. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** Rows per batch of the pass that fits a normalizer. */
    private static final int FIT_BATCH_SIZE = 4096;

    /** Columns chosen by name or by index (0-based), as given. */
    private record Selection(List<String> names, int[] indices) {
    }

    private final Path file;
    private final String fileName;
    private final char delimiter;
    private final List<String> header;
    private final Selection featureSelection;
    private final Selection labelSelection;
    private final LabelEncoding labelEncoding;
    private final int numClasses;
    private final List<String> classNames;
    private final int batchSize;
    private final DataType dataType;
    private final Normalization normalization;
    private final FittedNormalizer normalizer;
    /** Resolved from the selections by the constructor. */
    private final int[] featureIndices;
    private final int[] labelIndices;

    /** The dataset of the CSV file {@code file} with every option at its default; reads the header. */
    public CsvDataset(String file) {
        this(Path.of(Objects.requireNonNull(file, "file")));
    }

    /** The dataset of the CSV file {@code file} with every option at its default; reads the header. */
    public CsvDataset(Path file) {
        this(Objects.requireNonNull(file, "file"), file.toString(), DEFAULT_DELIMITER,
                CsvLines.header(file, file.toString(), DEFAULT_DELIMITER), null, null, LabelEncoding.NUMERIC, 0,
                null, DEFAULT_BATCH_SIZE, Backend.toDataType(Backend.floatx()), Normalization.NONE, null);
    }

    private CsvDataset(Path file, String fileName, char delimiter, List<String> header, Selection featureSelection,
            Selection labelSelection, LabelEncoding labelEncoding, int numClasses, List<String> classNames,
            int batchSize, DataType dataType, Normalization normalization, FittedNormalizer normalizer) {
        this.file = file;
        this.fileName = fileName;
        this.delimiter = delimiter;
        this.header = List.copyOf(header);
        this.featureSelection = featureSelection;
        this.labelSelection = labelSelection;
        this.labelEncoding = labelEncoding;
        this.numClasses = numClasses;
        this.classNames = classNames;
        this.batchSize = batchSize;
        this.dataType = dataType;
        this.normalization = normalization;
        this.labelIndices = labelSelection == null ? new int[0] : resolve(labelSelection, "label");
        this.featureIndices = featureSelection == null ? allBut(labelIndices) : resolve(featureSelection, "feature");
        checkDisjoint();
        checkLabelEncoding(false);
        // A changed copy fits its own statistics; fitted ones the caller gave stay (checked when first used).
        this.normalizer = normalizer != null && normalizer.given ? normalizer : new FittedNormalizer(null);
    }

    private CsvDataset with(char delimiter, List<String> header, Selection features, Selection labels,
            LabelEncoding encoding, int classes, List<String> names, int batch, DataType type,
            Normalization normalizationKind, FittedNormalizer fitted) {
        return new CsvDataset(file, fileName, delimiter, header, features, labels, encoding, classes, names, batch,
                type, normalizationKind, fitted);
    }

    // ---- options ----

    /**
     * The field delimiter, {@code ','} by default (make_csv_dataset's {@code field_delim}); the header is read
     * again with it, and columns chosen so far are looked up in the new header.
     */
    public CsvDataset delimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\\' || delimiter == '\n' || delimiter == '\r' || delimiter == 0) {
            throw new IllegalArgumentException("delimiter cannot be the quote, the escape character, a line break "
                    + "or NUL, received: '" + delimiter + "'");
        }
        return with(delimiter, CsvLines.header(file, fileName, delimiter), featureSelection, labelSelection,
                labelEncoding, numClasses, classNames, batchSize, dataType, normalization, normalizer);
    }

    /** The feature columns by header name, in the order given (default: every column that is not a label). */
    public CsvDataset featureColumns(String... names) {
        return with(delimiter, header, byName(names, "featureColumns"), labelSelection, labelEncoding, numClasses,
                classNames, batchSize, dataType, normalization, normalizer);
    }

    /** The feature columns by index counted from 0, in the order given (default: every column not a label). */
    public CsvDataset featureColumns(int... indices) {
        return with(delimiter, header, byIndex(indices, "featureColumns"), labelSelection, labelEncoding,
                numClasses, classNames, batchSize, dataType, normalization, normalizer);
    }

    /** The label columns by header name, in the order given (default: none, the dataset is features only). */
    public CsvDataset labelColumns(String... names) {
        return with(delimiter, header, featureSelection, byName(names, "labelColumns"), labelEncoding, numClasses,
                classNames, batchSize, dataType, normalization, normalizer);
    }

    /** The label columns by index counted from 0, in the order given (default: none). */
    public CsvDataset labelColumns(int... indices) {
        return with(delimiter, header, featureSelection, byIndex(indices, "labelColumns"), labelEncoding,
                numClasses, classNames, batchSize, dataType, normalization, normalizer);
    }

    /** Labels as the numbers in the label columns (the default); also integer class indices for sparse losses. */
    public CsvDataset numericLabels() {
        return with(delimiter, header, featureSelection, labelSelection, LabelEncoding.NUMERIC, 0, null, batchSize,
                dataType, normalization, normalizer);
    }

    /**
     * The one label column holds integer classes 0 to {@code numClasses - 1}; each becomes a one-hot row, as
     * {@code keras.utils.to_categorical(y, num_classes)}. A label outside that range is an error.
     */
    public CsvDataset oneHot(int numClasses) {
        return with(delimiter, header, featureSelection, labelSelection, LabelEncoding.ONE_HOT,
                checkClassCount(numClasses, "oneHot"), null, batchSize, dataType, normalization, normalizer);
    }

    /**
     * The one label column holds class names; the i-th of {@code classNames} becomes a one-hot row with a 1 in
     * column i, as Keras's {@code StringLookup(vocabulary=classNames, num_oov_indices=0, output_mode='one_hot')}.
     * Names match exactly (case and spaces); an unknown name is an error.
     */
    public CsvDataset oneHot(String... classNames) {
        List<String> names = checkClassNames(classNames, "oneHot");
        return with(delimiter, header, featureSelection, labelSelection, LabelEncoding.ONE_HOT, names.size(), names,
                batchSize, dataType, normalization, normalizer);
    }

    /**
     * The one label column holds integer classes 0 to {@code numClasses - 1}, kept as one column of class indices
     * (for {@code sparse_categorical_crossentropy}) after checking each is in range.
     */
    public CsvDataset classIndices(int numClasses) {
        return with(delimiter, header, featureSelection, labelSelection, LabelEncoding.CLASS_INDEX,
                checkClassCount(numClasses, "classIndices"), null, batchSize, dataType, normalization, normalizer);
    }

    /**
     * The one label column holds class names; the i-th of {@code classNames} becomes class index i, in one
     * column (for {@code sparse_categorical_crossentropy}), as {@code StringLookup(vocabulary=classNames,
     * num_oov_indices=0)}. Names match exactly; an unknown name is an error.
     */
    public CsvDataset classIndices(String... classNames) {
        List<String> names = checkClassNames(classNames, "classIndices");
        return with(delimiter, header, featureSelection, labelSelection, LabelEncoding.CLASS_INDEX, names.size(),
                names, batchSize, dataType, normalization, normalizer);
    }

    /** Rows per batch of {@link #iterator()}, 32 by default; the last batch holds what is left. */
    public CsvDataset batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive, received: " + batchSize);
        }
        return with(delimiter, header, featureSelection, labelSelection, labelEncoding, numClasses, classNames,
                batchSize, dataType, normalization, normalizer);
    }

    /** The float type of the arrays, {@code "float32"} or {@code "float64"}; default {@link Backend#floatx()}. */
    public CsvDataset dtype(String floatType) {
        return with(delimiter, header, featureSelection, labelSelection, labelEncoding, numClasses, classNames,
                batchSize, Backend.toDataType(floatType), normalization, normalizer);
    }

    /**
     * Scales the features with statistics fitted on this file ({@link Normalization#NONE} by default). The fit is
     * one streaming pass over the file, made the first time {@link #iterator()}, {@link #load()} or
     * {@link #normalizer()} needs it, and shared by them.
     */
    public CsvDataset normalize(Normalization normalization) {
        return with(delimiter, header, featureSelection, labelSelection, labelEncoding, numClasses, classNames,
                batchSize, dataType, Objects.requireNonNull(normalization, "normalization"), null);
    }

    /** {@link #normalize(Normalization)} by name: {@code "standardize"}, {@code "min_max"} or {@code "none"}. */
    public CsvDataset normalize(String normalization) {
        return normalize(Normalization.of(normalization));
    }

    /**
     * Scales the features with an already fitted normalizer, typically the training file's
     * ({@code test.normalize(train.normalizer())}), so that test or prediction data are scaled as the training
     * data were. It must be ND4J's {@code NormalizerStandardize} or {@code NormalizerMinMaxScaler}, must not scale
     * labels, and must have been fitted on as many features as this dataset has (checked when it is first used).
     */
    public CsvDataset normalize(DataNormalization fitted) {
        Objects.requireNonNull(fitted, "fitted normalizer");
        if (fitted.isFitLabel()) {
            throw new IllegalArgumentException("the normalizer given to normalize() also scales labels "
                    + "(fitLabel(true)); labels are never normalized");
        }
        FittedNormalizer given = new FittedNormalizer(fitted);
        return with(delimiter, header, featureSelection, labelSelection, labelEncoding, numClasses, classNames,
                batchSize, dataType, Normalization.of(fitted), given);
    }

    // ---- reading ----

    /**
     * A new iterator over the file's batches, streaming: each {@code next()} reads {@link #batchSize()} lines.
     * With a normalization, the fitted normalizer is its pre-processor (fitted first, in a pass of its own).
     */
    public CsvDataSetIterator iterator() {
        checkLabelEncoding(true);
        return new CsvDataSetIterator(this, decoder(), normalizer());
    }

    /**
     * Reads the whole file into memory: features {@code rows x features} and labels {@code rows x labels} (null
     * without label columns), in file order, the features normalized when a normalization is set. For files that
     * fit in memory; use {@link #iterator()} for larger ones.
     */
    public CsvData load() {
        checkLabelEncoding(true);
        RowDecoder decoder = decoder();
        int featureWidth = decoder.featureWidth();
        int labelWidth = decoder.labelWidth();
        double[] features = new double[64 * featureWidth];
        double[] labels = new double[64 * labelWidth];
        int rows = 0;
        try (CsvLines lines = openAfterHeader()) {
            while (lines.hasNext()) {
                List<Writable> record = lines.next();
                if ((long) (rows + 1) * Math.max(featureWidth, labelWidth) > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException(fileName + " line " + lines.line() + ": the file has too "
                            + "many rows to load() into one array; use iterator(), which streams it");
                }
                if ((rows + 1) * featureWidth > features.length) {
                    features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8, 2L * features.length));
                }
                if ((rows + 1) * labelWidth > labels.length) {
                    labels = Arrays.copyOf(labels, (int) Math.min(Integer.MAX_VALUE - 8, 2L * labels.length));
                }
                decoder.decode(record, lines.line(), features, rows * featureWidth, labels, rows * labelWidth);
                rows++;
            }
        }
        INDArray featureMatrix = decoder.matrix(features, rows, featureWidth);
        DataNormalization fitted = normalizer();
        if (fitted != null) {
            fitted.transform(featureMatrix);
        }
        INDArray labelMatrix = labelWidth == 0 ? null : decoder.matrix(labels, rows, labelWidth);
        return new CsvData(featureMatrix, labelMatrix, featureColumns(), labelColumns());
    }

    /**
     * The fitted feature normalizer, or null with {@link Normalization#NONE}. The first call fits it in one
     * streaming pass over the file (ND4J's {@code DataNormalization.fit(DataSetIterator)}); later calls, and the
     * dataset's iterators and {@link #load()}, share it. Apply it to new features with
     * {@code normalizer.transform(features)} (in place) to scale them as the training data were.
     */
    public DataNormalization normalizer() {
        if (normalization == Normalization.NONE && !normalizer.given) {
            return null;
        }
        if (normalizer.given) {
            return checkGivenNormalizer(normalizer.value);
        }
        return normalizer.get(() -> {
            DataNormalization fresh = normalization.newNormalizer();
            // Large batches for the fit: each batch costs ND4J about ten small ops, and the statistics do not
            // depend on the batching (beyond float rounding).
            CsvDataset fitting = batchSize >= FIT_BATCH_SIZE ? this : with(delimiter, header, featureSelection,
                    labelSelection, labelEncoding, numClasses, classNames, FIT_BATCH_SIZE, dataType, normalization,
                    null);
            try (CsvDataSetIterator raw = new CsvDataSetIterator(fitting, decoder(), null)) {
                fresh.fit(raw);
            }
            return fresh;
        });
    }

    /**
     * The fitted normalization as Keras's {@code Normalization} layer (its statistics as the layer's weights,
     * {@link Normalization#layerOf}), which a model puts first to scale what it is given as this dataset scales its
     * rows; null with {@link Normalization#NONE}.
     */
    public io.github.keras4j.layers.Normalization normalizationLayer() {
        DataNormalization fitted = normalizer();
        return fitted == null ? null : Normalization.layerOf(fitted, dataType);
    }

    // ---- what the dataset is ----

    /** The file as given. */
    public Path file() {
        return file;
    }

    /** The file's name as given, as the error messages print it. */
    public String fileName() {
        return fileName;
    }

    public char delimiter() {
        return delimiter;
    }

    /** The column names of the header (line 1), in file order. */
    public List<String> header() {
        return header;
    }

    /** The names of the feature columns, in the order of the feature array's columns. */
    public List<String> featureColumns() {
        return namesOf(featureIndices);
    }

    /** The names of the label columns, in the order given; empty for a features-only dataset. */
    public List<String> labelColumns() {
        return namesOf(labelIndices);
    }

    public LabelEncoding labelEncoding() {
        return labelEncoding;
    }

    /** The number of classes of one-hot or class-index labels, 0 for numeric labels. */
    public int numClasses() {
        return numClasses;
    }

    /** The class names in index order when classes are named, otherwise null. */
    public List<String> classNames() {
        return classNames;
    }

    public int batchSize() {
        return batchSize;
    }

    /** {@code "float32"} or {@code "float64"}. */
    public String dtype() {
        return dataType == DataType.DOUBLE ? "float64" : "float32";
    }

    public Normalization normalization() {
        return normalization;
    }

    /** The number of feature columns (the model's input size). */
    public int featureCount() {
        return featureIndices.length;
    }

    /** The number of label array columns after encoding (the model's output size for one-hot labels). */
    public int labelCount() {
        return labelIndices.length == 0 ? 0
                : labelEncoding == LabelEncoding.ONE_HOT ? numClasses
                : labelEncoding == LabelEncoding.CLASS_INDEX ? 1 : labelIndices.length;
    }

    @Override
    public String toString() {
        return "CsvDataset{file=" + fileName + ", features=" + featureColumns() + ", labels=" + labelColumns()
                + ", labelEncoding=" + labelEncoding + (labelEncoding == LabelEncoding.NUMERIC ? ""
                        : classNames != null ? " " + classNames : " of " + numClasses + " classes")
                + ", batchSize=" + batchSize + ", dtype=" + dtype() + ", normalization=" + normalization.kerasName()
                + "}";
    }

    // ---- package-private plumbing ----

    /** Class labels as DL4J's {@code DataSetIterator.getLabels()} gives them, or null for numeric labels. */
    List<String> classLabels() {
        if (labelEncoding == LabelEncoding.NUMERIC) {
            return null;
        }
        if (classNames != null) {
            return classNames;
        }
        List<String> labels = new ArrayList<>(numClasses);
        for (int i = 0; i < numClasses; i++) {
            labels.add(Integer.toString(i));
        }
        return labels;
    }

    /** The file's lines, opened and positioned after the header, which is checked to be unchanged. */
    CsvLines openAfterHeader() {
        CsvLines lines = new CsvLines(file, fileName, delimiter);
        try {
            checkHeaderUnchanged(lines.readHeader(false));
            return lines;
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    /** Starts {@code lines} again after the header. */
    void rewind(CsvLines lines) {
        lines.reset();
        checkHeaderUnchanged(lines.readHeader(false));
    }

    private void checkHeaderUnchanged(List<String> now) {
        if (!now.equals(header)) {
            throw new CsvFormatException(fileName, 1, "the header is now " + now + " but was " + header
                    + " when the dataset was created: the file changed");
        }
    }

    private RowDecoder decoder() {
        return new RowDecoder(fileName, header, featureIndices, labelIndices, labelEncoding, numClasses, classNames,
                dataType);
    }

    // ---- checks ----

    private Selection byName(String[] names, String option) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException(option + " needs at least one column name");
        }
        List<String> list = new ArrayList<>(names.length);
        for (String name : names) {
            list.add(Objects.requireNonNull(name, option + " column name"));
        }
        return new Selection(List.copyOf(list), null);
    }

    private Selection byIndex(int[] indices, String option) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException(option + " needs at least one column index");
        }
        return new Selection(null, indices.clone());
    }

    private int[] resolve(Selection selection, String role) {
        int count = selection.names() != null ? selection.names().size() : selection.indices().length;
        int[] indices = new int[count];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int index;
            if (selection.names() != null) {
                String name = selection.names().get(i);
                index = header.indexOf(name);
                if (index < 0) {
                    throw new CsvFormatException(fileName, 1, Registry.unknown(role + " column", name, header)
                            .getMessage());
                }
            } else {
                index = selection.indices()[i];
                if (index < 0 || index >= header.size()) {
                    throw new CsvFormatException(fileName, 1, role + " column index " + index + " is out of range: "
                            + "the header has " + header.size() + " columns, indices 0 to " + (header.size() - 1)
                            + " " + header);
                }
            }
            if (!seen.add(index)) {
                throw new CsvFormatException(fileName, 1, header.get(index), index + 1, "the column is selected "
                        + "twice as a " + role + " column");
            }
            indices[i] = index;
        }
        return indices;
    }

    private int[] allBut(int[] labels) {
        Set<Integer> excluded = new HashSet<>();
        for (int label : labels) {
            excluded.add(label);
        }
        int[] features = new int[header.size() - excluded.size()];
        int next = 0;
        for (int column = 0; column < header.size(); column++) {
            if (!excluded.contains(column)) {
                features[next++] = column;
            }
        }
        if (features.length == 0) {
            throw new CsvFormatException(fileName, 1, "every column " + header + " is a label column, so no "
                    + "feature column is left");
        }
        return features;
    }

    private void checkDisjoint() {
        Set<Integer> labels = new HashSet<>();
        for (int label : labelIndices) {
            labels.add(label);
        }
        for (int feature : featureIndices) {
            if (labels.contains(feature)) {
                throw new CsvFormatException(fileName, 1, header.get(feature), feature + 1, "the column is both a "
                        + "feature and a label column");
            }
        }
    }

    /** One-hot and class indices encode exactly one class column; {@code complete} once it must be chosen. */
    private void checkLabelEncoding(boolean complete) {
        if (labelEncoding == LabelEncoding.NUMERIC) {
            return;
        }
        String option = labelEncoding == LabelEncoding.ONE_HOT ? "oneHot" : "classIndices";
        if (labelIndices.length > 1) {
            throw new IllegalArgumentException(fileName + ": " + option + " encodes one class column, but "
                    + labelIndices.length + " label columns are selected: " + labelColumns());
        }
        if (complete && labelIndices.length == 0) {
            throw new IllegalArgumentException(fileName + ": " + option + " encodes a class column, but no label "
                    + "column is selected: add labelColumns(...)");
        }
    }

    private static int checkClassCount(int numClasses, String option) {
        if (numClasses < 1) {
            throw new IllegalArgumentException(option + ": num_classes must be at least 1, received: " + numClasses);
        }
        return numClasses;
    }

    private static List<String> checkClassNames(String[] classNames, String option) {
        if (classNames == null || classNames.length == 0) {
            throw new IllegalArgumentException(option + " needs at least one class name");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String name : classNames) {
            if (!distinct.add(Objects.requireNonNull(name, option + " class name"))) {
                throw new IllegalArgumentException(option + ": class name '" + name + "' is given twice, received: "
                        + Arrays.toString(classNames));
            }
        }
        return List.copyOf(distinct);
    }

    /** A normalizer given by the caller, checked when it is first needed (the columns may be chosen after it). */
    private DataNormalization checkGivenNormalizer(DataNormalization fitted) {
        String what = "the normalizer given to normalize() cannot scale the " + featureIndices.length
                + " feature columns " + featureColumns() + " of " + fileName;
        try {
            fitted.transform(Nd4j.zeros(dataType, 1, featureIndices.length));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " (is it fitted?): " + e.getMessage(), e);
        }
        // ND4J broadcasts the statistics of one feature over any number of columns: compare the widths.
        long width = fitted instanceof NormalizerStandardize standardize ? standardize.getMean().length()
                : ((NormalizerMinMaxScaler) fitted).getMin().length();
        if (width != featureIndices.length) {
            throw new IllegalArgumentException(what + ": it was fitted on " + width + (width == 1 ? " feature" : " features"));
        }
        return fitted;
    }

    private List<String> namesOf(int[] indices) {
        List<String> names = new ArrayList<>(indices.length);
        for (int index : indices) {
            names.add(header.get(index));
        }
        return List.copyOf(names);
    }

    /** The fitted normalizer, computed once per dataset value (or given by the caller). */
    private static final class FittedNormalizer {
        private final boolean given;
        private DataNormalization value;

        FittedNormalizer(DataNormalization given) {
            this.given = given != null;
            this.value = given;
        }

        synchronized DataNormalization get(java.util.function.Supplier<DataNormalization> fit) {
            if (value == null) {
                value = fit.get();
            }
            return value;
        }
    }
}
