package lockstep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The embedded Iris data is Fisher's: checked against the UCI repository's published summary statistics. */
class IrisTest {

    @Test
    void hasOneHundredFiftyExamplesOfFourFeaturesInThreeClassesOfFifty() {
        Dataset iris = Datasets.iris();
        assertEquals(150, iris.size());
        assertEquals(4, iris.featureCount());
        assertEquals(3, iris.classCount());
        int[] counts = new int[3];
        for (int e = 0; e < 150; e++) {
            counts[iris.classOf(e)]++;
        }
        assertEquals(50, counts[0]);
        assertEquals(50, counts[1]);
        assertEquals(50, counts[2]);
    }

    @Test
    void columnMeansMatchTheUciSummary() {
        // UCI iris.names: means 5.84, 3.05, 3.76, 1.20 cm; the 150 values sum to 876.5, 458.1, 563.8, 179.8
        double[] expectedSums = {876.5, 458.1, 563.8, 179.8};
        Dataset iris = Datasets.iris();
        for (int c = 0; c < 4; c++) {
            double sum = 0;
            for (int e = 0; e < 150; e++) {
                sum += iris.feature(e, c);
            }
            assertEquals(expectedSums[c], sum, 1e-9, "column " + c);
        }
        assertEquals(5.1, iris.feature(0, 0));
        assertEquals(1.8, iris.feature(149, 3));
    }
}
