package lockstep.harness;

import lockstep.spec.RunSpec;

/**
 * The outcome of a {@link TrainingRun}: per side the mean training loss of each epoch, the time
 * spent training and classifying the test examples, and the test accuracy; with DL4J, also the
 * fraction of test examples on which both sides predict the same class ({@code agreement}, NaN
 * without DL4J).
 */
public record TrainingResult(RunSpec spec, int trainExamples, int testExamples, Side engine, Side dl4j,
                             double agreement) {

    /**
     * One side's numbers.
     *
     * @param confusion {@code confusion[actual][predicted]}: how many test examples of class {@code actual}
     *                  the side classified as {@code predicted}
     */
    public record Side(String name, double[] epochLosses, double trainSeconds, double evalSeconds, int correct,
                       int tested, int[][] confusion) {
        public double accuracy() {
            return (double) correct / tested;
        }

        /** Training examples per second over the whole run. */
        public double examplesPerSecond(int trainExamples) {
            return trainExamples * (double) epochLosses.length / trainSeconds;
        }
    }
}
