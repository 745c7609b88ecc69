package lockstep.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lockstep.harness.TrainingResult;
import lockstep.spec.SpecJson;

/**
 * {@code train --report}: test accuracy and time of each side, the batch loss per step and the mean
 * loss per epoch (both sides overlaid with --both), accuracy per class, each side's confusion
 * matrix, the benchmark ratio table when JMH results are given, and the spec.
 */
public final class TrainReport {
    private TrainReport() {
    }

    /**
     * Writes {@code dir}/index.html and its charts, replacing {@code dir}.
     *
     * @param testSet    where the test examples came from, for the page's text
     * @param benchmarks a JMH result file, or null
     */
    public static void write(Path dir, TrainingResult result, TrainTrace trace, String testSet, Path benchmarks) {
        boolean both = result.dl4j() != null;
        List<TrainingResult.Side> sides = both ? List.of(result.engine(), result.dl4j()) : List.of(result.engine());
        ReportPage page = new ReportPage("lockstep train").paragraph(result.spec().describe())
                .paragraph(result.trainExamples() + " training examples, " + result.testExamples() + " test examples ("
                        + testSet + ").");
        page.heading(2, "Result").table(resultRows(result, sides));
        if (both) {
            page.paragraph(String.format(Locale.ROOT, "Both sides predict the same class for %.2f%% of the test examples;"
                            + " DL4J took %.2fx the engine's training time.", 100 * result.agreement(),
                    result.dl4j().trainSeconds() / result.engine().trainSeconds()));
        }
        page.heading(2, "Training loss").chart("loss.png", "batch loss per step" + (both ? ", engine and DL4J" : ""),
                png -> Charts.losses(png, "Training loss per step (batch mean)", trace.steps(), both
                        ? CompareReport.sides("engine", trace.engineLoss(), "DL4J", trace.dl4jLoss())
                        : Map.of("engine", trace.engineLoss())));
        List<Integer> epochs = new ArrayList<>();
        Map<String, List<Double>> epochLoss = new LinkedHashMap<>();
        for (TrainingResult.Side s : sides) {
            List<Double> losses = new ArrayList<>();
            for (int e = 0; e < s.epochLosses().length; e++) {
                losses.add(s.epochLosses()[e]);
                if (epochs.size() < s.epochLosses().length) {
                    epochs.add(e + 1);
                }
            }
            epochLoss.put(label(s), losses);
        }
        page.chart("epoch-loss.png", "mean training loss per epoch",
                png -> Charts.curves(png, "Mean training loss per epoch", "mean loss", "epoch", epochs, epochLoss));

        List<String> classes = ClassNames.of(result.spec().data(), result.engine().confusion().length);
        Map<String, List<Double>> perClass = new LinkedHashMap<>();
        for (TrainingResult.Side s : sides) {
            perClass.put(label(s), perClassAccuracy(s.confusion()));
        }
        page.heading(2, "Test accuracy per class").chart("per-class.png", "test accuracy per class",
                png -> Charts.perClassAccuracy(png, classes, perClass));
        for (TrainingResult.Side s : sides) {
            page.heading(3, "Confusion matrix, " + label(s))
                    .paragraph("Rows: the actual class; columns: the predicted class.")
                    .table(confusionRows(s.confusion(), classes));
        }
        page.benchmarks(benchmarks).heading(2, "Spec").preformatted(SpecJson.write(result.spec())).write(dir);
    }

    private static List<List<String>> resultRows(TrainingResult r, List<TrainingResult.Side> sides) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("side", "test accuracy", "correct", "final epoch loss", "train time", "examples/s", "test time"));
        for (TrainingResult.Side s : sides) {
            double[] losses = s.epochLosses();
            rows.add(List.of(label(s), String.format(Locale.ROOT, "%.4f", s.accuracy()), s.correct() + "/" + s.tested(),
                    String.format(Locale.ROOT, "%.6f", losses[losses.length - 1]),
                    String.format(Locale.ROOT, "%.2f s", s.trainSeconds()),
                    String.format(Locale.ROOT, "%.0f", s.examplesPerSecond(r.trainExamples())),
                    String.format(Locale.ROOT, "%.2f s", s.evalSeconds())));
        }
        return rows;
    }

    /** Per class, the diagonal over the row sum (NaN for a class with no test example). */
    static List<Double> perClassAccuracy(int[][] confusion) {
        List<Double> out = new ArrayList<>();
        for (int actual = 0; actual < confusion.length; actual++) {
            int total = 0;
            for (int n : confusion[actual]) {
                total += n;
            }
            out.add(total == 0 ? Double.NaN : (double) confusion[actual][actual] / total);
        }
        return out;
    }

    private static List<List<String>> confusionRows(int[][] confusion, List<String> classes) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("actual \\ predicted"));
        header.addAll(classes);
        rows.add(header);
        for (int actual = 0; actual < confusion.length; actual++) {
            List<String> row = new ArrayList<>(List.of(classes.get(actual)));
            for (int n : confusion[actual]) {
                row.add(Integer.toString(n));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String label(TrainingResult.Side s) {
        return s.name().equals("dl4j") ? "DL4J" : s.name();
    }
}
