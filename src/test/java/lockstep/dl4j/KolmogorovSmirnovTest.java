package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lockstep.rand.SplitMix64;
import org.junit.jupiter.api.Test;

/** The KS helper against known values of the Kolmogorov distribution and hand-computed statistics. */
class KolmogorovSmirnovTest {

    @Test
    void kolmogorovTailMatchesTabulatedCriticalValues() {
        assertEquals(0.10, KolmogorovSmirnov.q(1.2238), 2e-4);
        assertEquals(0.05, KolmogorovSmirnov.q(1.3581), 2e-4);
        assertEquals(0.01, KolmogorovSmirnov.q(1.6276), 1e-4);
        assertEquals(0.001, KolmogorovSmirnov.q(1.9495), 1e-5);
        assertEquals(1.0, KolmogorovSmirnov.q(0.1), 1e-12);
        // the two series agree where they meet
        double below = KolmogorovSmirnov.q(Math.nextDown(1.18));
        assertEquals(below, KolmogorovSmirnov.q(1.18), 1e-12);
    }

    @Test
    void statisticByHandWithTies() {
        // F_a steps at 1, 2, 2, 3; F_b at 2, 4: at 1 |1/4 - 0| ; at 2 |3/4 - 1/2|; at 3 |1 - 1/2| = 1/2
        assertEquals(0.5, KolmogorovSmirnov.statistic(new double[] {2, 1, 3, 2}, new double[] {4, 2}), 0.0);
        assertEquals(0.0, KolmogorovSmirnov.statistic(new double[] {0, 0, 0}, new double[] {0, 0}), 0.0);
        assertEquals(1.0, KolmogorovSmirnov.statistic(new double[] {0, 0}, new double[] {1}), 0.0);
    }

    @Test
    void acceptsTwoSamplesOfOneDistributionAndRejectsAShiftedOne() {
        SplitMix64 r = new SplitMix64(1);
        double[] a = new double[20000];
        double[] b = new double[20000];
        double[] c = new double[20000];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
            c[i] = r.nextGaussian() + 0.1;
        }
        assertFalse(KolmogorovSmirnov.twoSample(a, b).rejects(0.001));
        assertTrue(KolmogorovSmirnov.twoSample(a, c).rejects(0.001));
    }
}
