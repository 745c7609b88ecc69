package lockstep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The real Fashion-MNIST files of the Debian package dataset-fashion-mnist (.ci/run installs it).
 * Not skipped when they are missing: the test fails and says how to install them.
 */
class FashionMnistRealFilesTest {

    /**
     * Counts and statistics documented by Zalando (60000/10000 examples of 28x28, 6000/1000 per class,
     * the mean pixel 0.2860 that is the usual normalisation constant) and the first ten labels as
     * Python's gzip+struct read them from the same files.
     */
    @Test
    void theRealFilesHaveTheDocumentedCountsAndStatistics() {
        RealFashionMnist.requireInstalled();
        Dataset train = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TRAIN, 0);
        Dataset test = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TEST, 0);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(784, train.featureCount());
        assertEquals(784, test.featureCount());
        assertEquals(10, train.classCount());
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, classCounts(train));
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, classCounts(test));
        assertEquals(0.2860, meanPixel(train), 5e-5);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int e = 0; e < train.size(); e += 97) {
            for (int i = 0; i < 784; i++) {
                min = Math.min(min, train.feature(e, i));
                max = Math.max(max, train.feature(e, i));
            }
        }
        assertEquals(0.0, min);
        assertEquals(1.0, max);
        int[] first = new int[10];
        for (int e = 0; e < 10; e++) {
            first[e] = train.classOf(e);
        }
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, first);
        // the pixel sum of the first training image, 76247 / 255, from the same Python read
        double sum = 0;
        for (int i = 0; i < 784; i++) {
            sum += train.feature(0, i) * 255;
        }
        assertEquals(76247, Math.round(sum));
    }

    private static int[] classCounts(Dataset d) {
        int[] counts = new int[d.classCount()];
        for (int e = 0; e < d.size(); e++) {
            counts[d.classOf(e)]++;
        }
        return counts;
    }

    private static double meanPixel(Dataset d) {
        double sum = 0;
        for (int e = 0; e < d.size(); e++) {
            for (int i = 0; i < d.featureCount(); i++) {
                sum += d.feature(e, i);
            }
        }
        return sum / ((double) d.size() * d.featureCount());
    }
}
