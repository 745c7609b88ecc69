package lockstep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lockstep.data.Batch;
import lockstep.engine.EngineComponents;
import lockstep.external.ExternalEngine;
import lockstep.harness.EngineFactory;
import lockstep.harness.Trainer;
import lockstep.linalg.DType;
import lockstep.linalg.FMatrix;
import lockstep.rand.SplitMix64;
import lockstep.spec.RunSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine protocol's cost per step (docs/engine-protocol.md): one FLOAT training step through
 * {@code ExternalTrainer.step} of an engine that computes nothing ({@code benchmarks/engines/echo_engine.py}: the
 * NPY arrays out, the pipe, NumPy's load and save, the pipe, the arrays in), next to the same step of the NumPy
 * reference client ({@code numpy_mlp.py}: protocol plus NumPy's compute) and of lockstep's matrix engine in process.
 * Each iteration starts from the initial weights again. The setup checks that the NumPy client's first loss is the
 * matrix engine's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ProtocolBenchmark {
    static final int BATCHES = 8;
    static final String PYTHON = "/usr/bin/python3";

    @State(Scope.Benchmark)
    public static class Side {
        @Param({"4-16(tanh)-3/B16", "784-128(relu)-10/B128"})
        public String network;

        /** in-process: the matrix engine; protocol-echo: the protocol alone; numpy: the protocol and NumPy's step. */
        @Param({"in-process", "protocol-echo", "numpy"})
        public String engine;

        Trainer trainer;
        ExternalEngine external;
        Map<String, double[]> initial;
        final List<Batch> batches = new ArrayList<>();
        int next;

        @Setup(Level.Trial)
        public void start() {
            Mlp mlp = Mlp.parse(network);
            RunSpec run = RunSpec.irisDefault().withNetwork(mlp.spec())
                    .withTraining(RunSpec.irisDefault().training().withDataType(DType.FLOAT).withBatchSize(mlp.batch()));
            SplitMix64 random = SplitMix64.stream(42, 0x9A0L);
            for (int b = 0; b < BATCHES; b++) {
                FMatrix x = new FMatrix(mlp.batch(), mlp.inputs());
                FMatrix y = new FMatrix(mlp.batch(), mlp.classes());
                int[] indices = new int[mlp.batch()];
                for (int r = 0; r < mlp.batch(); r++) {
                    indices[r] = b * mlp.batch() + r;
                    for (int c = 0; c < mlp.inputs(); c++) {
                        x.set(r * mlp.inputs() + c, (float) random.nextDouble());
                    }
                    y.set(r * mlp.classes() + random.nextInt(mlp.classes()), 1.0f);
                }
                batches.add(new Batch(indices, x, y));
            }
            trainer = factory(run).create(mlp.spec(), DType.FLOAT, 42, new EngineComponents());
            initial = trainer.parameters();
            if (engine.equals("numpy")) {
                Trainer reference = EngineFactory.MATRIX.create(mlp.spec(), DType.FLOAT, 42, new EngineComponents());
                double expected = reference.step(batches.get(0)).loss();
                double actual = trainer.step(batches.get(0)).loss();
                if (!(Math.abs(actual - expected) <= 1e-5 * Math.abs(expected))) {
                    throw new IllegalStateException(network + ": numpy_mlp.py's first loss " + actual
                            + " is not the matrix engine's " + expected);
                }
            }
        }

        private EngineFactory factory(RunSpec run) {
            Path root = repositoryRoot();
            String script = switch (engine) {
                case "in-process" -> null;
                case "protocol-echo" -> root.resolve("benchmarks/engines/echo_engine.py").toString();
                case "numpy" -> root.resolve("examples/engines/numpy_mlp.py").toString();
                default -> throw new IllegalArgumentException("engine '" + engine + "'");
            };
            if (script == null) {
                return EngineFactory.MATRIX;
            }
            external = new ExternalEngine(PYTHON + " " + script, run, Duration.ofSeconds(60));
            return external;
        }

        @Setup(Level.Iteration)
        public void restart() {
            trainer.setParameters(initial);
            next = 0;
        }

        @TearDown(Level.Trial)
        public void stop() {
            if (external != null) {
                external.close();
            }
        }

        Batch nextBatch() {
            Batch b = batches.get(next);
            next = (next + 1) % BATCHES;
            return b;
        }
    }

    /** The working directory or the nearest folder above it that holds examples/engines. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("examples/engines/protocol.py"))) {
                return p;
            }
        }
        throw new IllegalStateException("examples/engines/protocol.py not found from " + Path.of("").toAbsolutePath());
    }

    @Benchmark
    public double step(Side s) {
        return s.trainer.step(s.nextBatch()).loss();
    }
}
