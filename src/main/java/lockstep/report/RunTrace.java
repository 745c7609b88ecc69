package lockstep.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lockstep.harness.EpochSummary;
import lockstep.harness.LockstepRun;

/**
 * Collects what a report plots from a lockstep run: per step the two losses and each parameter's
 * largest absolute and worst relative step-check difference.
 */
public final class RunTrace implements LockstepRun.Listener {
    private final List<Integer> steps = new ArrayList<>();
    private final List<Double> engineLoss = new ArrayList<>();
    private final List<Double> dl4jLoss = new ArrayList<>();
    private final Map<String, List<Double>> differenceByParameter = new LinkedHashMap<>();
    private final Map<String, List<Double>> relativeByParameter = new LinkedHashMap<>();
    private final List<EpochSummary> epochs = new ArrayList<>();
    private final LockstepRun.Listener next;

    /** @param next a listener that also sees every event (e.g. the console report) */
    public RunTrace(LockstepRun.Listener next) {
        this.next = next;
    }

    @Override
    public void onStep(LockstepRun.StepRecord r) {
        steps.add(r.globalStep());
        engineLoss.add(r.freeEngine().loss());
        dl4jLoss.add(r.dl4j().loss());
        r.stepCheck().largestAbsoluteByParameter().forEach((name, diff) ->
                differenceByParameter.computeIfAbsent(name, k -> new ArrayList<>()).add(diff));
        r.stepCheck().worstByParameter().forEach((name, rel) ->
                relativeByParameter.computeIfAbsent(name, k -> new ArrayList<>()).add(rel));
        next.onStep(r);
    }

    @Override
    public void onEpoch(EpochSummary summary) {
        epochs.add(summary);
        next.onEpoch(summary);
    }

    @Override
    public void onStart(Map<String, double[]> initialParameters) {
        next.onStart(initialParameters);
    }

    public List<Integer> steps() {
        return steps;
    }

    public List<Double> engineLoss() {
        return engineLoss;
    }

    public List<Double> dl4jLoss() {
        return dl4jLoss;
    }

    /** Per parameter, the largest absolute step-check difference at each step. */
    public Map<String, List<Double>> differenceByParameter() {
        return differenceByParameter;
    }

    /** Per parameter, the worst relative step-check difference (as the tolerance policy judges it) at each step. */
    public Map<String, List<Double>> relativeByParameter() {
        return relativeByParameter;
    }

    public List<EpochSummary> epochs() {
        return epochs;
    }
}
