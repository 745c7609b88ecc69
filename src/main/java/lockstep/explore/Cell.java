package lockstep.explore;

/**
 * One cell of the grid: a learning rate, a batch size and a shuffle setting, and what each side did with them.
 *
 * @param stepsPerEpoch ceil(N / B), or floor(N / B) when the spec drops the partial last batch
 */
public record Cell(double learningRate, int batchSize, boolean shuffle, int stepsPerEpoch, SideCurves engine, SideCurves dl4j) {

    /** Whether either side produced a NaN or infinite loss. */
    public boolean diverged() {
        return engine.nonFinite() != null || dl4j.nonFinite() != null;
    }

    /** The largest |engine - DL4J| over the steps' training losses where both are finite (0 when none are). */
    public double largestStepDifference() {
        double worst = 0;
        for (int s = 0; s < engine.stepLoss().length; s++) {
            double e = engine.stepLoss()[s];
            double d = dl4j.stepLoss()[s];
            if (Double.isFinite(e) && Double.isFinite(d)) {
                worst = Math.max(worst, Math.abs(e - d));
            }
        }
        return worst;
    }
}
