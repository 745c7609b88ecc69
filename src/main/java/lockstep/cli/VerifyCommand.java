package lockstep.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lockstep.golden.ReferenceData;
import lockstep.golden.ScenarioResult;
import lockstep.report.GoldenReport;
import lockstep.report.VerifyJson;
import lockstep.report.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockstep verify}: replays reference scenarios and compares them with their golden data. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Replays golden reference scenarios and compares them with their recordings.",
                "The engine starts from each scenario's stored initial parameters on its",
                "stored batches and is compared with the golden data at every stored step",
                "(step and trajectory checks, the harness's tolerance policy); with --dl4j",
                "also replays DL4J and compares it with its own recording.",
                "--engine replays another engine (autograd, a JVM class, or a program that",
                "speaks the engine protocol; no DL4J needed); a scenario it refuses at",
                "hello is listed as UNSUPPORTED.",
                "Checksums, format version and manifest are checked first.",
                "Exit code: 0 every scenario replayed PASS (at least one), 1 a FAIL or none",
                "replayed, 2 an ERROR (corrupt or unreadable scenario, bad input), 3 internal",
                "error, 4 the external engine broke the protocol."})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Scenarios to verify (default: every one in --dir).")
    List<String> names = new ArrayList<>();

    @Option(names = "--dl4j", description = "Also replay DL4J and compare it with the golden data.")
    boolean dl4j;

    @Option(names = "--dir", paramLabel = "DIR", description = "The reference-data directory (default: reference-data).")
    Path dir = Path.of(ReferenceData.DEFAULT_DIR);

    @Option(names = "--json", description = "Print the results as JSON on stdout (verdict, every scenario and side, the first divergence) instead of the text.")
    boolean json;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Mixin
    EngineOptions engines = new EngineOptions();

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        Path benchmarks = report.benchmarks();
        List<Path> scenarios = ReferenceData.scenarios(dir, names);
        GoldenReport console = new GoldenReport(json ? new PrintStream(OutputStream.nullOutputStream()) : System.out);
        List<ScenarioResult> results = new ArrayList<>();
        String engine = engines.using(choice -> {
            if (!choice.isDefault()) {
                console.engine(choice.describe());
            }
            for (Path s : scenarios) {
                ScenarioResult r = ReferenceData.verify(s, dl4j, choice::factory);
                console.scenario(r);
                results.add(r);
            }
            return choice.describe();
        });
        console.verdict(results);
        report.write(json, out -> VerifyReport.write(out, dir, results, benchmarks));
        if (json) {
            System.out.println(VerifyJson.of(results, engine));
        }
        if (results.stream().anyMatch(r -> r.status() == ScenarioResult.Status.ERROR)) {
            return Main.EXIT_BAD_INPUT;
        }
        return ScenarioResult.allPassed(results) ? Main.EXIT_PASS : Main.EXIT_FAIL;
    }
}
