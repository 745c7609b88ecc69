package lockstep.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
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

    /** Loss per step of both sides, overlaid. */
    static void losses(Path png, List<Integer> steps, List<Double> engine, List<Double> dl4j) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(420).title("Training loss per step")
                .xAxisTitle("step").yAxisTitle("batch-mean loss").build();
        line(chart, "engine", steps, engine).setMarker(SeriesMarkers.NONE);
        XYSeries d = line(chart, "DL4J", steps, dl4j);
        d.setMarker(SeriesMarkers.CIRCLE);
        d.setLineWidth(0.5f);
        save(chart, png);
    }

    /**
     * Largest absolute step-check difference per step (gradient, update, value, state), one series per
     * parameter, on a log scale, with the absolute tolerance below which a difference counts as none.
     */
    static void differences(Path png, List<Integer> steps, Map<String, List<Double>> byParameter, double tolerance)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(420)
                .title("Largest absolute difference per step and parameter (step check; 0 drawn at 1e-18)")
                .xAxisTitle("step").yAxisTitle("|engine - DL4J|").build();
        chart.getStyler().setYAxisLogarithmic(true);
        byParameter.forEach((name, errors) -> line(chart, name, steps.subList(0, errors.size()),
                errors.stream().map(e -> Math.max(e, LOG_FLOOR)).toList()).setMarker(SeriesMarkers.NONE));
        line(chart, "absolute tolerance", List.of(steps.get(0), steps.get(steps.size() - 1)), List.of(tolerance, tolerance))
                .setMarker(SeriesMarkers.NONE);
        save(chart, png);
    }

    /** Any per-epoch curves (e.g. validation loss of both sides). */
    static void curves(Path png, String title, String yTitle, List<Integer> x, Map<String, List<Double>> series)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(420).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        series.forEach((name, ys) -> line(chart, name, x, ys));
        save(chart, png);
    }

    private static XYSeries line(XYChart chart, String name, List<? extends Number> x, List<? extends Number> y) {
        return chart.addSeries(name, x, y);
    }

    private static void save(XYChart chart, Path png) throws IOException {
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
