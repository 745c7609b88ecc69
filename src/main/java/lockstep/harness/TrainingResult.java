package lockstep.harness;

import lockstep.spec.RunSpec;

/**
 * The outcome of a {@link TrainingRun}: per side the mean training loss of each epoch, the time
 * spent training and classifying the test examples, and the test accuracy; with DL4J, also the
 * fraction of test examples on which both sides predict the same class ({@code agreement}, NaN
 * without DL4J).
 */
public record TrainingResult(RunSpec spec, int trainExamples, int validationExamples, int testExamples, Side engine,
                             Side dl4j, double agreement) {

    /**
     * How a side's early stopping ended.
     *
     * @param stoppedAfter the last epoch that counted (1-based)
     * @param bestEpoch    the epoch whose parameters the side ends with (1-based)
     * @param reason       why it stopped, in the side's own words (DL4J's: its termination condition's toString())
     */
    public record Stop(int stoppedAfter, int bestEpoch, String reason) {
    }

    /**
     * One side's numbers.
     *
     * @param epochLosses the mean training loss of each epoch the side trained
     * @param confusion   {@code confusion[actual][predicted]}: how many test examples of class {@code actual}
     *                    the side classified as {@code predicted}
     * @param stop        how its early stopping ended (null without early stopping)
     */
    public record Side(String name, double[] epochLosses, double trainSeconds, double evalSeconds, int[][] confusion,
                       Stop stop) {
        /** Test examples classified correctly: the confusion matrix's diagonal. */
        public int correct() {
            int correct = 0;
            for (int c = 0; c < confusion.length; c++) {
                correct += confusion[c][c];
            }
            return correct;
        }

        /** Test examples classified: every entry of the confusion matrix. */
        public int tested() {
            int tested = 0;
            for (int[] row : confusion) {
                for (int n : row) {
                    tested += n;
                }
            }
            return tested;
        }

        public double accuracy() {
            return (double) correct() / tested();
        }

        /** Training examples per second over the whole run. */
        public double examplesPerSecond(int trainExamples) {
            return trainExamples * (double) epochLosses.length / trainSeconds;
        }
    }
}
