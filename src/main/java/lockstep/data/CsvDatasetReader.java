package lockstep.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lockstep.LockstepException;

/**
 * Reads a headerless CSV of numbers, one example per line; one column holds the class index and
 * the others are features. The records come from {@link CsvRecords#standard()} (DataVec's
 * CSVRecordReader); this class checks them and turns them into a {@link Dataset}. Errors name the
 * file, line and column.
 */
public final class CsvDatasetReader {
    private CsvDatasetReader() {
    }

    public static Dataset read(Path file, int labelColumn, int classCount) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), labelColumn, classCount);
        } catch (NoSuchFileException e) {
            throw new LockstepException(file + ": data file not found");
        } catch (IOException e) {
            throw new LockstepException(file + ": cannot read data file: " + e.getMessage());
        }
    }

    public static Dataset read(InputStream in, String name, int labelColumn, int classCount) throws IOException {
        return read(in, name, labelColumn, classCount, CsvRecords.standard());
    }

    /** As {@link #read(InputStream, String, int, int)}, with the records split by {@code records}. */
    public static Dataset read(InputStream in, String name, int labelColumn, int classCount, CsvRecords records)
            throws IOException {
        Rows rows = new Rows(name, labelColumn, classCount);
        records.read(in, name, rows);
        return rows.dataset();
    }

    /** Checks each record as it arrives and keeps its features and class. */
    private static final class Rows implements CsvRecords.Sink {
        private final String name;
        private final int labelColumn;
        private final int classCount;
        private final List<double[]> features = new ArrayList<>();
        private final List<Integer> classes = new ArrayList<>();
        private int columns = -1;

        Rows(String name, int labelColumn, int classCount) {
            this.name = name;
            this.labelColumn = labelColumn;
            this.classCount = classCount;
        }

        @Override
        public void record(int line, String[] cells) {
            if (cells.length == 0 || (cells.length == 1 && cells[0].isBlank())) {
                return;                                       // a blank line
            }
            if (columns < 0) {
                columns = cells.length;
                if (labelColumn < 0 || labelColumn >= columns) {
                    throw new LockstepException(name + ": label column " + labelColumn + " does not exist; line " + line
                            + " has " + columns + " columns (0.." + (columns - 1) + ")");
                }
            } else if (cells.length != columns) {
                throw new LockstepException(name + ": line " + line + " has " + cells.length + " columns, expected "
                        + columns);
            }
            double[] x = new double[columns - 1];
            for (int c = 0, f = 0; c < columns; c++) {
                String cell = cells[c].trim();
                double v = parse(cell, line, c);
                if (c == labelColumn) {
                    if (v != Math.rint(v) || v < 0 || v >= classCount) {
                        throw new LockstepException(name + ": line " + line + ", column " + c + ": label " + cell
                                + " is not a class index in 0.." + (classCount - 1));
                    }
                    classes.add((int) v);
                } else {
                    if (!Double.isFinite(v)) {
                        throw new LockstepException(name + ": line " + line + ", column " + c + ": " + cell
                                + " is not a finite number");
                    }
                    x[f++] = v;
                }
            }
            features.add(x);
        }

        private double parse(String cell, int line, int column) {
            try {
                return Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new LockstepException(name + ": line " + line + ", column " + column + ": \"" + cell
                        + "\" is not a number");
            }
        }

        Dataset dataset() {
            if (features.isEmpty()) {
                throw new LockstepException(name + ": no examples in the file");
            }
            int featureCount = columns - 1;
            double[] flat = new double[features.size() * featureCount];
            for (int r = 0; r < features.size(); r++) {
                System.arraycopy(features.get(r), 0, flat, r * featureCount, featureCount);
            }
            return new Dataset(name, flat, featureCount, classes.stream().mapToInt(Integer::intValue).toArray(), classCount);
        }
    }
}
