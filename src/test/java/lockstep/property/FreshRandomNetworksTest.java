package lockstep.property;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import lockstep.comparison.Quantity;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.harness.EpochSummary;
import lockstep.harness.LockstepResult;
import lockstep.linalg.DType;
import lockstep.property.RandomRuns.RandomRun;
import net.jqwik.api.Example;

/**
 * 1,000 random networks that no earlier run has seen, from the same space as {@link RandomNetworkParityTest}
 * but from a new seed each run, each judged step by step ({@link #stepsOnly}). The seed is printed first; {@code LOCKSTEP_FRESH_SEED=<seed>} replays exactly
 * the same networks, {@code LOCKSTEP_FRESH_COUNT} changes how many, and {@code LOCKSTEP_FRESH_ONLY=i,j}
 * compares only networks i and j of the seed. Every failing network is reported with its index, its verdict and a spec
 * (with its data as CSV, under target/random-network-failures) that {@code ./lockstep compare --spec} reproduces. It is a jqwik
 * {@code @Example} because jqwik's generators only run on a jqwik thread.
 * <p>
 * It runs in {@code mvn -B verify}, and again under each OpenBLAS kernel of CI's kernel matrix (250 networks each,
 * {@code LOCKSTEP_FRESH_COUNT=250}), about 105 s per 1,000 networks.
 */
class FreshRandomNetworksTest {
    private static final int DEFAULT_COUNT = 1000;

    @Example
    void freshRandomNetworksAgreeWithDl4jAtEveryStep() throws IOException {
        long seed = setting("LOCKSTEP_FRESH_SEED", new Random().nextLong() & Long.MAX_VALUE);
        int count = (int) setting("LOCKSTEP_FRESH_COUNT", DEFAULT_COUNT);
        Set<Integer> only = indices("LOCKSTEP_FRESH_ONLY");
        System.out.println("FreshRandomNetworksTest: " + count + " networks from seed " + seed
                + " (replay: LOCKSTEP_FRESH_SEED=" + seed + ")");
        java.util.Iterator<RandomRun> networks = RandomRuns.fresh(seed);
        int compared = 0;
        int discarded = 0;
        WorstErrors worst = new WorstErrors();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RandomRun run = networks.next();
            if (!only.isEmpty() && !only.contains(i)) {
                continue;
            }
            LockstepResult r = run.compare(stepsOnly(run.spec().training().dataType()));
            if (RandomRuns.agreesAboutNothing(r)) {
                discarded++;
                continue;
            }
            compared++;
            worst.note(run.spec().training().dataType(), r);
            if (!r.passed()) {
                failures.add("network " + i + " (LOCKSTEP_FRESH_SEED=" + seed + " LOCKSTEP_FRESH_ONLY=" + i + "): "
                        + run.failureMessage(r));
            }
        }
        System.out.println("FreshRandomNetworksTest: " + compared + " compared, " + discarded
                + " discarded (non-finite on both sides), " + failures.size() + " failed; " + worst);
        assertTrue(failures.isEmpty(), failures.size() + " of " + compared + " fresh networks disagree with DL4J"
                + " (replay: LOCKSTEP_FRESH_SEED=" + seed + ")\n" + String.join("\n", failures));
        assertTrue(compared >= (compared + discarded) * 9 / 10,
                "only " + compared + " of " + (compared + discarded) + " networks were comparable");
    }

    /**
     * The default policy of {@code dtype} with the free-running trajectory unjudged (a non-finite value still fails):
     * the steps are judged (step 0, each epoch's order, the dropout arrays, the step check, the update rule and, in
     * FLOAT, the DOUBLE shadow), each from bit-identical inputs. A free trajectory is chaotic: in a random network an
     * adaptive updater turns a cancelled gradient's rounding into a full-size step, after which the two runs train
     * different networks, correctly. The fixed-seed cases of {@link RandomNetworkParityTest} judge their trajectories.
     */
    static TolerancePolicy stepsOnly(DType dtype) {
        return TolerancePolicy.defaultFor(dtype).withTrajectory(new Tolerance(Double.MAX_VALUE, 1.0, 0.0));
    }

    /** The worst step-check errors seen, per data type: loss and gradients, and the update rule. */
    private static final class WorstErrors {
        private final Map<DType, double[]> byType = new EnumMap<>(DType.class);

        void note(DType dtype, LockstepResult r) {
            double[] w = byType.computeIfAbsent(dtype, k -> new double[2]);
            for (EpochSummary e : r.epochs()) {
                w[0] = Math.max(w[0], Math.max(e.worst(Quantity.LOSS), e.worst(Quantity.GRADIENT)));
                w[1] = Math.max(w[1], Math.max(e.worst(Quantity.UPDATE),
                        Math.max(e.worst(Quantity.PARAMETER), e.worst(Quantity.UPDATER_STATE))));
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("worst step errors");
            byType.forEach((t, w) -> sb.append(String.format(Locale.ROOT, " %s: loss and gradients %.2g, update rule %.2g;",
                    t, w[0], w[1])));
            return sb.toString();
        }
    }

    /** A comma-separated list of network indices from the environment (or a system property), else empty. */
    private static Set<Integer> indices(String name) {
        String v = System.getenv(name) != null ? System.getenv(name) : System.getProperty(name, "");
        Set<Integer> out = new TreeSet<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                try {
                    out.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must list network indices like 3,17; got '" + v + "'");
                }
            }
        }
        return out;
    }

    /** An integer setting from the environment (or a system property of the same name), else the default. */
    private static long setting(String name, long fallback) {
        String v = System.getenv(name);
        if (v == null) {
            v = System.getProperty(name);
        }
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }
}
