package lockstep.cli;

import lockstep.engine.EngineComponents;
import lockstep.harness.EngineFactory;
import lockstep.harness.Trainer;
import lockstep.linalg.DType;
import lockstep.selftest.PlantedBugs;
import lockstep.spec.NetworkSpec;

/** JVM engines for {@code --engine-class}, loaded by name as a user's jar would be. */
final class JvmEngines {
    private JvmEngines() {
    }

    /** A user's engine that is lockstep's matrix engine built from its own components (the ones lockstep passes are ignored). */
    public static final class Correct implements EngineFactory {
        @Override
        public Trainer create(NetworkSpec network, DType dtype, long seed, EngineComponents components) {
            return EngineFactory.MATRIX.create(network, dtype, seed, new EngineComponents());
        }
    }

    /** The same engine with selftest's first planted bug: the loss gradient without the 1/B. */
    public static final class WithoutBatchMean implements EngineFactory {
        @Override
        public Trainer create(NetworkSpec network, DType dtype, long seed, EngineComponents components) {
            EngineComponents faulty = PlantedBugs.all().stream().filter(b -> b.name().equals("1/B missing from the gradient"))
                    .findFirst().orElseThrow().faultyEngine();
            return EngineFactory.MATRIX.create(network, dtype, seed, faulty);
        }
    }

    /** Not an engine. */
    public static final class NotAnEngine {
    }

    /** An engine without a no-argument constructor. */
    public static final class NeedsArguments implements EngineFactory {
        public NeedsArguments(String unused) {
        }

        @Override
        public Trainer create(NetworkSpec network, DType dtype, long seed, EngineComponents components) {
            throw new UnsupportedOperationException();
        }
    }
}
