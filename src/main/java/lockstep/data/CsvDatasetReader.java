package lockstep.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lockstep.LockstepException;

/**
 * Reads a headerless CSV of numbers, one example per line; one column holds the class index and
 * the others are features. Errors name the file, line and column.
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
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<double[]> rows = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        int columns = -1;
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columns < 0) {
                columns = cells.length;
                if (labelColumn < 0 || labelColumn >= columns) {
                    throw new LockstepException(name + ": label column " + labelColumn + " does not exist; line 1 has "
                            + columns + " columns (0.." + (columns - 1) + ")");
                }
            } else if (cells.length != columns) {
                throw new LockstepException(name + ": line " + lineNo + " has " + cells.length + " columns, expected "
                        + columns);
            }
            double[] features = new double[columns - 1];
            for (int c = 0, f = 0; c < columns; c++) {
                double v = parse(cells[c].trim(), name, lineNo, c);
                if (c == labelColumn) {
                    if (v != Math.rint(v) || v < 0 || v >= classCount) {
                        throw new LockstepException(name + ": line " + lineNo + ", column " + c + ": label " + cells[c].trim()
                                + " is not a class index in 0.." + (classCount - 1));
                    }
                    classes.add((int) v);
                } else {
                    if (!Double.isFinite(v)) {
                        throw new LockstepException(name + ": line " + lineNo + ", column " + c + ": " + cells[c].trim()
                                + " is not a finite number");
                    }
                    features[f++] = v;
                }
            }
            rows.add(features);
        }
        if (rows.isEmpty()) {
            throw new LockstepException(name + ": no examples in the file");
        }
        int featureCount = columns - 1;
        double[] flat = new double[rows.size() * featureCount];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, flat, r * featureCount, featureCount);
        }
        return new Dataset(name, flat, featureCount, classes.stream().mapToInt(Integer::intValue).toArray(), classCount);
    }

    private static double parse(String cell, String name, int line, int column) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new LockstepException(name + ": line " + line + ", column " + column + ": \"" + cell
                    + "\" is not a number");
        }
    }
}
