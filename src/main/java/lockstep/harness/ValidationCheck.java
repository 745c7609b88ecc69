package lockstep.harness;

import java.util.Map;
import lockstep.comparison.Check;
import lockstep.comparison.Divergence;
import lockstep.comparison.EpochValidation;
import lockstep.comparison.Quantity;
import lockstep.comparison.StepComparison;
import lockstep.comparison.TensorDiff;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.dl4j.Dl4jValidation;
import lockstep.engine.EngineComponents;
import lockstep.engine.train.Validator;
import lockstep.spec.RunSpec;

/**
 * Validation after every epoch, compared like a training step. The engine's validator (a forward pass without
 * dropout) is run at DL4J's parameters and held to the step tolerance against DL4J's {@code score(DataSet, false)}
 * (loss) and {@code output(x, false)} (every output element, then every predicted class: an argmax may differ
 * only where the engine's two candidate outputs are equal within the step tolerance, a near-tie). The
 * free-running engine's validation loss is held to the trajectory tolerance against DL4J's.
 */
final class ValidationCheck {
    private final Validator validator;
    private final Dl4jTrainer dl4j;
    private final Batch examples;
    private final int[] classes;
    private final TolerancePolicy tolerance;

    ValidationCheck(RunSpec spec, EngineComponents components, Dataset validation, Dl4jTrainer dl4j, TolerancePolicy tolerance) {
        this.validator = new Validator(spec.network(), spec.training().dataType(), components, validation);
        this.dl4j = dl4j;
        this.examples = validation.all(spec.training().dataType(), spec.network().loss().labels());
        this.classes = validator.classes();
        this.tolerance = tolerance;
    }

    /** The validation examples as one batch, labels encoded for the loss. */
    Batch examples() {
        return examples;
    }

    /** Validates after {@code epoch} (whose last step was {@code step}, global {@code globalStep}). */
    EpochValidation check(int epoch, int step, int globalStep, Map<String, double[]> freeEngine,
                          Map<String, double[]> dl4jParameters) {
        Dl4jValidation.Score d = Dl4jValidation.evaluate(dl4j, examples.features().toDoubleArray(),
                examples.labels().toDoubleArray(), examples.size());
        Validator.Score anchored = validator.evaluate(dl4jParameters);
        Validator.Score free = validator.evaluate(freeEngine);
        Tolerance stepTol = tolerance.step();
        Divergence divergence = null;

        TensorDiff loss = TensorDiff.of(new double[] {anchored.loss()}, new double[] {d.loss()}, stepTol);
        double[] engineOut = anchored.outputs().toDoubleArray();
        TensorDiff outputs = TensorDiff.of(engineOut, d.outputs(), stepTol);
        double stepError = StepComparison.maxKeepingNaN(loss.worstError(), outputs.worstError());
        int nOut = engineOut.length / examples.size();
        if (!loss.passed()) {
            divergence = divergence(Check.STEP, epoch, step, globalStep, Quantity.VALIDATION_LOSS, null, 0,
                    anchored.loss(), d.loss(), loss.firstFailError(), stepTol);
        } else if (!outputs.passed()) {
            int i = outputs.firstFailIndex();
            divergence = new Divergence(Check.STEP, epoch, step, globalStep, Quantity.VALIDATION_OUTPUT, "output",
                    new int[] {examples.size(), nOut}, i, engineOut[i], d.outputs()[i], outputs.firstFailError(), stepTol);
        } else {
            for (int r = 0; r < examples.size() && divergence == null; r++) {
                int e = anchored.predictions()[r];
                int k = d.predictions()[r];
                double scale = Math.max(Math.abs(engineOut[r * nOut + e]), Math.abs(engineOut[r * nOut + k]));
                if (e != k && !stepTol.passes(stepTol.error(engineOut[r * nOut + e], engineOut[r * nOut + k], scale))) {
                    divergence = divergence(Check.STEP, epoch, step, globalStep, Quantity.VALIDATION_PREDICTION, null, r,
                            e, k, Double.POSITIVE_INFINITY, stepTol);
                }
            }
        }
        Tolerance trajectoryTol = tolerance.trajectory();
        TensorDiff drift = TensorDiff.of(new double[] {free.loss()}, new double[] {d.loss()}, trajectoryTol);
        if (divergence == null && !drift.passed()) {
            divergence = divergence(Check.TRAJECTORY, epoch, step, globalStep, Quantity.VALIDATION_LOSS, null, 0,
                    free.loss(), d.loss(), drift.firstFailError(), trajectoryTol);
        }
        return new EpochValidation(free.loss(), anchored.loss(), d.loss(), free.accuracy(), d.accuracy(classes), stepError,
                drift.worstError(), divergence);
    }

    private static Divergence divergence(Check check, int epoch, int step, int globalStep, Quantity q, String name,
                                         int index, double engine, double dl4j, double error, Tolerance tol) {
        return new Divergence(check, epoch, step, globalStep, q, name, null, index, engine, dl4j, error, tol);
    }
}
