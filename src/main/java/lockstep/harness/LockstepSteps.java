package lockstep.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.comparison.Check;
import lockstep.comparison.Divergence;
import lockstep.comparison.EpochValidation;
import lockstep.comparison.OrderCheck;
import lockstep.comparison.ShadowComparison;
import lockstep.comparison.ShadowNoise;
import lockstep.comparison.StepComparison;
import lockstep.comparison.StepSnapshot;
import lockstep.comparison.Tolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.data.Batch;
import lockstep.data.Dataset;
import lockstep.data.EpochLoop;
import lockstep.engine.train.EarlyStopping;
import lockstep.linalg.DType;
import lockstep.spec.LabelEncoding;
import lockstep.spec.RunSpec;

/**
 * The body of a lockstep run's epoch loop: DL4J's batches drive it, and the engine's own order is checked against them
 * before each epoch. At each step every side of {@link RunSides} takes its step and the comparison judges them; after
 * each epoch, validation and early stopping. It keeps what the run found (the epochs, the first divergence, the
 * validation scores early stopping needs) and stops the loop at the first divergence. Modifies the sides.
 */
final class LockstepSteps implements EpochLoop.Body {
    private final RunSpec spec;
    private final TolerancePolicy tolerance;
    private final Dataset data;
    private final DType dtype;
    private final LabelEncoding labels;
    private final EpochLoop.Plan enginePlan;
    private final RunSides sides;
    private final Map<String, int[]> shapes;
    private final ValidationCheck validation;
    private final EarlyStopping stopping;
    private final LockstepRun.Listener listener;
    private final ShadowNoise shadowNoise = new ShadowNoise();
    private final java.util.Set<String> cancelled;          // biases batch normalisation cancels (no trajectory check)
    final List<EpochSummary> epochs = new ArrayList<>();
    final Map<Integer, Double> anchoredScores = new LinkedHashMap<>();   // engine at DL4J's parameters, per evaluated epoch
    private Map<String, double[]> dl4jParameters;
    private Map<String, double[]> dl4jState;
    Map<String, double[]> dl4jAtBest;                    // DL4J's parameters after the engine's best epoch
    private List<int[]> engineBatches;
    private EpochSummary summary;
    private int stepsThisEpoch;
    int stepsDone;
    Divergence divergence;

    /**
     * @param enginePlan the engine's own batches per epoch (checked against DL4J's)
     * @param validation the validation check (null without validation data)
     * @param stopping   the engine's early stopping (null without)
     * @param dl4jStart  DL4J's parameters before the first step, {@code dl4jState} its updater state
     */
    LockstepSteps(RunSpec spec, TolerancePolicy tolerance, Dataset data, EpochLoop.Plan enginePlan, RunSides sides,
                  Map<String, int[]> shapes, ValidationCheck validation, EarlyStopping stopping, LockstepRun.Listener listener,
                  Map<String, double[]> dl4jStart, Map<String, double[]> dl4jState) {
        this.spec = spec;
        this.tolerance = tolerance;
        this.data = data;
        this.dtype = spec.training().dataType();
        this.labels = spec.network().loss().labels();   // the same labels for both sides
        this.enginePlan = enginePlan;
        this.sides = sides;
        this.shapes = shapes;
        this.validation = validation;
        this.stopping = stopping;
        this.listener = listener;
        this.dl4jParameters = dl4jStart;
        this.cancelled = spec.network().biasesCancelledByBatchNorm();
        this.dl4jState = dl4jState;
    }

    @Override
    public boolean startEpoch(int epoch, List<int[]> dl4jBatches) {
        engineBatches = enginePlan.batches(epoch);   // the engine's own order, checked against DL4J's
        stepsThisEpoch = dl4jBatches.size();
        for (Trainer side : sides.all()) {
            side.setEpoch(epoch - 1);
        }
        if (sides.floatDrift() != null) {
            sides.floatDrift().setEpoch(epoch - 1);
        }
        summary = new EpochSummary(epoch);
        epochs.add(summary);
        divergence = OrderCheck.firstDifference(epoch, stepsDone, engineBatches, dl4jBatches, tolerance.step());
        if (divergence != null) {
            listener.onEpoch(summary);
            return false;
        }
        return true;
    }

    @Override
    public boolean step(int epoch, int s, int globalStep, int[] dl4jExamples) {
        stepsDone = globalStep;
        Batch engineBatch = data.batch(engineBatches.get(s - 1), dtype, labels);
        Batch dl4jBatch = data.batch(dl4jExamples, dtype, labels);
        sides.anchored().setParameters(dl4jParameters);
        sides.anchored().setUpdaterState(dl4jState);
        StepSnapshot reference = null;
        if (sides.shadow() != null) {
            sides.shadow().setParameters(dl4jParameters);
            sides.shadow().setUpdaterState(dl4jState);
            sides.shadowNetwork().setRandomState(sides.dl4jNetwork().randomState());   // the same dropout masks
            reference = sides.shadow().step(dl4jBatch);
        }
        StepSnapshot twin = sides.floatDrift() == null ? null : sides.floatDrift().step(dl4jBatch, sides.dl4jNetwork().randomState());
        StepSnapshot a = sides.anchored().step(engineBatch);
        StepSnapshot r = LockstepRun.ruleStep(sides.rule(), dl4jParameters, dl4jState, dl4jBatch, a.gradients());
        StepSnapshot rRef = sides.ruleReference() == null ? null
                : LockstepRun.ruleStep(sides.ruleReference(), dl4jParameters, dl4jState, dl4jBatch, a.gradients());
        StepSnapshot f = sides.free().step(engineBatch);
        Map<String, double[]> parametersBefore = dl4jParameters;
        Map<String, double[]> stateBefore = dl4jState;
        long[] randomBefore = sides.dl4jNetwork().randomState();
        StepSnapshot d = sides.dl4j().step(dl4jBatch);
        dl4jParameters = d.parameters();
        dl4jState = d.updaterState();
        // a bias batch normalisation cancels has a gradient of pure rounding noise: judged by the step check only
        StepComparison trajectory = StepComparison.of(Check.TRAJECTORY, epoch, s, globalStep, f.without(cancelled),
                d.without(cancelled),
                shapes, tolerance.trajectory());
        RoundingNoise.Step dl4jNoise = sides.noise() == null ? null
                : sides.noise().at(globalStep, parametersBefore, stateBefore, randomBefore, dl4jBatch, d);
        ShadowComparison shadowCheck = reference == null ? null : ShadowComparison.of(epoch, s, globalStep, a, d,
                reference, r, rRef, shapes, sides.shadowTolerance(), shadowNoise, dl4jNoise == null ? null
                        : (q, name, bound) -> dl4jNoise.covers(q, name, a, new Tolerance(bound, 1.0, 0.0)));
        StepComparison step = StepComparison.ofAnchored(epoch, s, globalStep, a, d, r, shapes,
                tolerance.step(), tolerance.rule(), (q, name) -> shadowCheck != null
                        ? shadowCheck.engineNoWorseThanDl4j(q, name)
                        : dl4jNoise != null && dl4jNoise.covers(q, name, a, tolerance.step()));
        summary.add(dl4jBatch.size(), f, d, step, trajectory, shadowCheck);
        listener.onStep(new LockstepRun.StepRecord(epoch, s, globalStep, f, a, d, step, trajectory, shadowCheck));
        Divergence drift = null;
        if (sides.floatDrift() != null) {
            drift = sides.floatDrift().judge(epoch, s, globalStep, StepSnapshot.drop(f.parameters(), cancelled),
                    StepSnapshot.drop(d.parameters(), cancelled), StepSnapshot.drop(twin.parameters(), cancelled),
                    shapes);
            summary.noteDriftRatio(sides.floatDrift().worstRatio());
        }
        divergence = MaskCheck.firstDifference(epoch, s, globalStep, spec.network(), sides.anchored().dropoutMasks(),
                sides.dl4j().dropoutMasks(), tolerance.step());
        if (divergence == null) {
            divergence = MaskCheck.firstOutputDifference(epoch, s, globalStep, spec.network(),
                    sides.anchored().droppedInputs(), sides.dl4j().droppedInputs(), tolerance.step());
        }
        if (divergence == null) {
            divergence = LockstepRun.firstOf(step.divergence(), shadowCheck == null ? null : shadowCheck.divergence());
        }
        if (divergence == null) {
            divergence = drift != null ? drift : trajectory.divergence();
        }
        if (tolerance.driftWindow() > 0 && globalStep % tolerance.driftWindow() == 0) {
            sides.free().setParameters(dl4jParameters);       // end of a drift window: re-synchronise
            sides.free().setUpdaterState(dl4jState);
            if (sides.floatDrift() != null) {
                sides.floatDrift().synchronise(dl4jParameters, dl4jState);
            }
        }
        if (divergence != null) {
            listener.onEpoch(summary);
            return false;
        }
        return true;
    }

    @Override
    public boolean endEpoch(int epoch, int globalStep) {
        if (validation != null) {
            EpochValidation v = validation.check(epoch, stepsThisEpoch, globalStep, sides.free().parameters(), dl4jParameters);
            summary.setValidation(v);
            if (v.divergence() != null) {
                divergence = v.divergence();
                listener.onEpoch(summary);
                return false;
            }
            if (stopping != null) {
                int bestBefore = stopping.bestEpoch();
                if (stopping.evaluates(epoch)) {
                    anchoredScores.put(epoch, v.anchoredLoss());
                }
                stopping.afterEpoch(epoch, v::engineLoss, sides.free()::parameters);
                if (stopping.bestEpoch() != bestBefore) {
                    dl4jAtBest = dl4jParameters;
                }
            }
        }
        listener.onEpoch(summary);
        return stopping == null || !stopping.stopped();
    }
}
