package lockstep.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lockstep.io.IoErrors;
import lockstep.LockstepException;
import lockstep.io.AtomicFiles;

/**
 * One HTML report page under construction: headings, paragraphs, tables and PNG charts, written as a
 * whole by {@link #write}. Charts are drawn at write time, into a temporary directory renamed into
 * place when complete, so a report that fails half-way leaves nothing behind (see {@link AtomicFiles}). Every command's report
 * (compare, train, verify) is built on this page, so they look alike and share the image-load hook
 * the browser test reads ({@code data-images}, {@code data-images-loaded} on the body).
 */
final class ReportPage {
    /** Draws one chart into the PNG file it is given. */
    @FunctionalInterface
    interface Chart {
        void draw(Path png) throws IOException;
    }

    private record PendingChart(String file, Chart chart) {
    }

    /** A text file written next to index.html (e.g. the data a page draws). */
    private record Attachment(String file, String text) {
    }

    private final StringBuilder body = new StringBuilder();
    private final List<PendingChart> charts = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private final String title;

    ReportPage(String title) {
        this.title = title;
        heading(1, title);
    }

    ReportPage heading(int level, String text) {
        body.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    ReportPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A line in green (passed) or red (failed), in bold. */
    ReportPage verdict(boolean passed, String text) {
        body.append("<p class=\"").append(passed ? "PASS" : "FAIL").append("\"><b>").append(escape(text)).append("</b></p>\n");
        return this;
    }

    ReportPage preformatted(String text) {
        body.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    /** A table; the first row is the header. Cells are text (escaped here). */
    ReportPage table(List<List<String>> rows) {
        body.append(new Table(rows).html());
        return this;
    }

    /** Rows of text cells as an HTML table, the first row the header. */
    record Table(List<List<String>> rows) {
        String html() {
            StringBuilder t = new StringBuilder("<table>\n");
            for (int r = 0; r < rows.size(); r++) {
                String cell = r == 0 ? "th" : "td";
                t.append("<tr>");
                for (String value : rows.get(r)) {
                    t.append('<').append(cell).append('>').append(escape(value)).append("</").append(cell).append('>');
                }
                t.append("</tr>\n");
            }
            return t.append("</table>\n").toString();
        }
    }

    /** HTML made elsewhere in this package (already escaped). */
    ReportPage html(String html) {
        body.append(html);
        return this;
    }

    /** An image {@code file} (a name in the report directory), drawn by {@code chart} when the page is written. */
    ReportPage chart(String file, String alt, Chart chart) {
        charts.add(new PendingChart(file, chart));
        body.append("<img src=\"").append(escape(file)).append("\" alt=\"").append(escape(alt)).append("\">\n");
        return this;
    }

    /** A text file {@code file} (a name in the report directory) written with the page. */
    ReportPage attach(String file, String text) {
        attachments.add(new Attachment(file, text));
        return this;
    }

    /** The benchmark ratio table of a JMH result file, when one is given (null: nothing). */
    ReportPage benchmarks(Path jmhJson) {
        if (jmhJson != null) {
            heading(2, "Benchmarks");
            paragraph("From " + jmhJson + " (JMH): DL4J/engine above 1 means the engine is faster.");
            html(BenchmarkTable.html(jmhJson));
        }
        return this;
    }

    /**
     * Writes {@code dir}/index.html, every chart and every attached file, replacing {@code dir} as a whole.
     *
     * @throws LockstepException naming {@code dir} when anything cannot be written; {@code dir} is then untouched
     */
    void write(Path dir) {
        AtomicFiles.publishDirectory(dir, true, staged -> {
            try {
                for (PendingChart c : charts) {
                    c.chart().draw(staged.resolve(c.file()));
                }
                for (Attachment a : attachments) {
                    Files.writeString(staged.resolve(a.file()), a.text(), StandardCharsets.UTF_8);
                }
                Files.writeString(staged.resolve("index.html"), page(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new LockstepException(dir + ": cannot write the report: " + IoErrors.describe(e), e);
            }
        });
    }

    private String page() {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n<style>"
                + "body{font-family:sans-serif;margin:2em;max-width:960px} table{border-collapse:collapse;font-size:90%}"
                + " td,th{border:1px solid #ccc;padding:2px 6px;text-align:right} td:first-child{text-align:left}"
                + " .PASS{color:#070} .FAIL{color:#b00} pre{background:#f4f4f4;padding:1em;overflow:auto}"
                + " img{max-width:100%}</style></head>\n<body>\n"
                + body
                // a test hook that also tells a person when an image failed to load
                + "<script>window.addEventListener('load',()=>{const i=[...document.images];"
                + "document.body.dataset.images=i.length;document.body.dataset.imagesLoaded="
                + "i.filter(x=>x.complete&&x.naturalWidth>0).length;});</script>\n</body></html>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
