package lockstep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import lockstep.LockstepException;
import lockstep.io.AtomicFiles;
import picocli.CommandLine.Option;

/** {@code --report DIR} and {@code --bench-results FILE}, shared by compare, train and verify (a picocli mixin). */
final class ReportOptions {
    /** Where {@code benchmarks/run} writes its full results, relative to the working directory. */
    static final Path DEFAULT_BENCH_RESULTS = Path.of("benchmarks", "results", "results.json");

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write an HTML report with PNG charts to DIR (index.html; DIR is replaced as a whole).")
    Path report;

    @Option(names = "--bench-results", paramLabel = "FILE",
            description = {"With --report: the JMH results whose engine/DL4J ratio table the report shows",
                    "(default: benchmarks/results/results.json when it exists)."})
    Path benchResults;

    /**
     * With --report, has {@code writer} write the report into DIR and says where on stdout (unless stdout
     * carries JSON); without it, does nothing.
     */
    void write(boolean json, Consumer<Path> writer) {
        if (report == null) {
            return;
        }
        writer.accept(report);
        if (!json) {
            System.out.println("report: " + report.resolve("index.html"));
        }
    }

    /**
     * Checks the options before the command's work starts (a report directory that cannot be written is
     * an error now, not after a long run) and returns the JMH file the report includes, or null; a file
     * named but missing, or the flag without --report, is an error.
     */
    Path benchmarks() {
        if (report != null) {
            AtomicFiles.checkDirectoryWritable(report, "the report");
        }
        if (benchResults != null) {
            if (report == null) {
                throw new LockstepException("--bench-results: goes with --report");
            }
            if (!Files.isRegularFile(benchResults)) {
                throw new LockstepException("--bench-results " + benchResults + ": no such file");
            }
            return benchResults;
        }
        return Files.isRegularFile(DEFAULT_BENCH_RESULTS) ? DEFAULT_BENCH_RESULTS : null;
    }
}
