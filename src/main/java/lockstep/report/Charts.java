package lockstep.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn with XChart (headless). Each method writes one file. */
final class Charts {
    /** Plotted in place of an exact 0 on a log axis. */
    static final double LOG_FLOOR = 1e-18;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * Losses per step of several runs, overlaid: the first as a line, the others as thinner lines with
     * markers (while there are few points) so that a curve lying on the first still shows. A series
     * shorter than {@code steps} (a replay that stopped early) covers the first steps only.
     */
    static void losses(Path png, String title, List<Integer> steps, Map<String, List<Double>> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(420).title(title)
                .xAxisTitle("step").yAxisTitle("batch-mean loss").build();
        boolean first = true;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            XYSeries s = line(chart, e.getKey(), steps.subList(0, e.getValue().size()), e.getValue());
            if (first || steps.size() > 300) {
                s.setMarker(SeriesMarkers.NONE);
            }
            if (!first) {
                s.setLineWidth(0.7f);
            }
            first = false;
        }
        save(chart, png);
    }

    /**
     * One step-check difference per step (gradient, update, value, state), one series per parameter, on
     * a log scale, with the tolerance below which it counts as none (an exact 0 drawn at {@link #LOG_FLOOR}).
     */
    static void differences(Path png, String title, List<Integer> steps, Map<String, List<Double>> byParameter,
                            String toleranceName, double tolerance, String yTitle) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(420).title(title + " (0 drawn at 1e-18)")
                .xAxisTitle("step").yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(true);
        byParameter.forEach((name, errors) -> line(chart, name, steps.subList(0, errors.size()),
                errors.stream().map(e -> Math.max(e, LOG_FLOOR)).toList())
                .setMarker(SeriesMarkers.NONE));
        if (tolerance > 0 && Double.isFinite(tolerance)) {    // a zero tolerance has no place on a log axis
            line(chart, toleranceName, List.of(steps.get(0), steps.get(steps.size() - 1)), List.of(tolerance, tolerance))
                    .setMarker(SeriesMarkers.NONE);
        }
        save(chart, png);
    }

    /** Any per-epoch curves (e.g. validation loss of both sides). */
    static void curves(Path png, String title, String yTitle, List<Integer> x, Map<String, List<Double>> series)
            throws IOException {
        curves(png, title, yTitle, "epoch", x, series);
    }

    /** Curves over any x axis; markers only while there are few points. */
    static void curves(Path png, String title, String yTitle, String xTitle, List<Integer> x,
                       Map<String, List<Double>> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(420).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        series.forEach((name, ys) -> {
            XYSeries s = line(chart, name, x, ys);
            if (x.size() > 300) {
                s.setMarker(SeriesMarkers.NONE);
            }
        });
        save(chart, png);
    }

    /** One bar per class and side: the fraction of the class's test examples classified correctly. */
    static void perClassAccuracy(Path png, List<String> classes, Map<String, List<Double>> bySide) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(380).title("Test accuracy per class")
                .xAxisTitle("class").yAxisTitle("accuracy").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        // a class without test examples (NaN) is drawn as an empty bar
        bySide.forEach((side, accuracy) -> chart.addSeries(side, classes,
                accuracy.stream().map(a -> Double.isNaN(a) ? 0.0 : a).toList()));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Adds a series; a non-finite y (a diverged loss) is left as a gap, which XChart draws as none. */
    private static XYSeries line(XYChart chart, String name, List<? extends Number> x, List<? extends Number> y) {
        List<Double> finite = y.stream().map(v -> Double.isFinite(v.doubleValue()) ? v.doubleValue() : Double.NaN).toList();
        return chart.addSeries(name, x, finite);
    }

    private static void save(XYChart chart, Path png) throws IOException {
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
