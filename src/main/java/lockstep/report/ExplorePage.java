package lockstep.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import lockstep.explore.ExploreResult;

/**
 * The explore page: one self-contained {@code index.html} that draws the grid's curves itself (plain JavaScript and
 * SVG, no network), from the JSON embedded in it, which is also written next to it as {@code data.json}. Sliders
 * pick the learning rate and the batch size, a checkbox the shuffling, a switch the x-axis (epochs or steps); the
 * readouts give steps per epoch, the epoch early stopping keeps, the final losses and any divergence.
 */
public final class ExplorePage {
    /** The data file written next to index.html. */
    public static final String DATA_FILE = "data.json";

    private ExplorePage() {
    }

    /** Writes {@code dir}/index.html and {@code dir}/data.json, replacing {@code dir} as a whole. */
    public static void write(Path dir, ExploreResult r) {
        String json = ExploreJson.of(r);
        ReportPage page = new ReportPage("lockstep explore: learning rate, batch size, shuffling");
        page.paragraph("Watch the loss fall: " + r.spec().data().describe() + ", " + r.spec().network().describeShape() + ", "
                + r.spec().network().loss() + ", " + r.spec().network().updater().type() + ", " + r.spec().training().dataType()
                + ", seed " + r.spec().training().seed() + "; " + r.trainingExamples() + " training examples, "
                + r.validationExamples() + " validation examples (" + r.validation() + ").");
        page.paragraph("Each cell of the grid (" + r.grid().describe() + ") was trained twice from the seed alone: by the"
                + " engine and by DL4J, each drawing its own initial weights and batch order. Their curves lie on top of"
                + " each other; where they part, rounding differences have grown (a large learning rate makes training chaotic).");
        page.html(resource("explore.html"));
        page.html("<script type=\"application/json\" id=\"explore-data\">" + json.replace("</", "<\\/") + "</script>\n");
        page.html("<script>\n" + resource("explore.js") + "</script>\n");
        page.paragraph(String.format(Locale.ROOT, "Produced in %.1f s: %,d steps a side; engine %.1f s, DL4J %.1f s"
                + " (steps and validation). The data: %s.", r.seconds(), r.stepsPerSide(), r.engineSeconds(), r.dl4jSeconds(),
                DATA_FILE));
        page.attach(DATA_FILE, json + "\n");
        page.write(dir);
    }

    private static String resource(String name) {
        try (InputStream in = ExplorePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource lockstep/report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
