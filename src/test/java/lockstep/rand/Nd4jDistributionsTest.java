package lockstep.rand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import lockstep.linalg.DType;
import lockstep.dl4j.Dl4jNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.TruncatedNormalDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.cpu.nativecpu.rng.CpuNativeRandom;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each random op against ND4J 1.0.0-M2.1 itself: from {@code Nd4j.getRandom().setSeed(seed)}, every value
 * bit for bit and the generator's (root, node) state after the op, over 120 seeds and lengths 1..1999.
 */
class Nd4jDistributionsTest {
    private static final int SEEDS = 120;

    @FunctionalInterface
    interface JavaOp {
        double[] draw(Nd4jDistributions ops, Nd4jRandom rng, int n);
    }

    @Test
    void setSeedGivesTheStatesCpuNativeRandomSets() {
        CpuNativeRandom r = (CpuNativeRandom) Nd4j.getRandom();
        for (long seed : new long[] {1, 42, -7, 0x7FFF_FFFF_FFFF_FFFFL, 0xDEADBEEFL, Long.MIN_VALUE}) {
            r.setSeed(seed);
            Nd4jRandom j = Nd4jRandom.seeded(seed);
            assertEquals(r.rootState(), j.rootState(), "root " + seed);
            assertEquals(r.nodeState(), j.nodeState(), "node " + seed);
        }
    }

    @Test
    void theHostLibmIsReachableInTests() {
        assertTrue(Libm.best().isHostLibm(), "surefire runs with jdk.incubator.foreign and native access");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void uniformIsBitExact(DType type) {
        assertBitExact(type, z -> Nd4j.getExecutioner().exec(new UniformDistribution(z, -0.3, 0.7)),
                (ops, rng, n) -> ops.uniform(rng, n, -0.3, 0.7, type));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void defaultRandIsUniformOnZeroOne(DType type) {
        assertBitExact(type, Nd4j::rand, (ops, rng, n) -> ops.uniform(rng, n, 0, 1, type));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gaussianIsBitExact(DType type) {
        assertBitExact(type, z -> Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0.25, 1.5)),
                (ops, rng, n) -> ops.gaussian(rng, n, 0.25, 1.5, type));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void randnIsTheStandardGaussian(DType type) {
        assertBitExact(type, Nd4j::randn, (ops, rng, n) -> ops.gaussian(rng, n, 0, 1, type));
    }

    /** Mean 0: a value outside ±2 std after its redraw becomes 0 + DBL_MIN in DOUBLE but 0.0 in FLOAT. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void truncatedNormalAroundZeroIsBitExact(DType type) {
        assertBitExact(type, z -> Nd4j.getExecutioner().exec(new TruncatedNormalDistribution(z, 0.0, 0.2)),
                (ops, rng, n) -> ops.truncatedNormal(rng, n, 0.0, 0.2, type));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void truncatedNormalIsBitExact(DType type) {
        assertBitExact(type, z -> Nd4j.getExecutioner().exec(new TruncatedNormalDistribution(z, -0.5, 0.75)),
                (ops, rng, n) -> ops.truncatedNormal(rng, n, -0.5, 0.75, type));
    }

    /** Runs the ND4J op on a fresh [1, n] array and the Java op from the same seed; every bit and the state must agree. */
    private static void assertBitExact(DType type, Consumer<INDArray> nd4j, JavaOp java) {
        CpuNativeRandom r = (CpuNativeRandom) Nd4j.getRandom();
        Nd4jDistributions ops = Nd4jDistributions.best();
        for (long s = 1; s <= SEEDS; s++) {
            long seed = s;
            int n = (int) (1 + (seed * 7919) % 1999);
            r.setSeed(seed);
            INDArray z = Nd4j.create(Dl4jNetworks.dataType(type), 1, n);
            nd4j.accept(z);
            Nd4jRandom rng = Nd4jRandom.seeded(seed);
            double[] mine = java.draw(ops, rng, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(z.getDouble(i)), Double.doubleToRawLongBits(mine[i]),
                        () -> type + " seed " + seed + " n " + n);
            }
            assertEquals(r.nodeState(), rng.nodeState(), "node state after the op, seed " + seed);
            assertEquals(r.rootState(), rng.rootState());
        }
    }
}
