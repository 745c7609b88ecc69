package lockstep.report;

import java.util.ArrayList;
import java.util.List;
import lockstep.harness.TrainingRun;

/** Collects what a train report plots: each step's batch loss on both sides, numbered across epochs from 1. */
public final class TrainTrace implements TrainingRun.Listener {
    private final List<Integer> steps = new ArrayList<>();
    private final List<Double> engineLoss = new ArrayList<>();
    private final List<Double> dl4jLoss = new ArrayList<>();
    private final TrainingRun.Listener next;

    /** @param next a listener that also sees every step (e.g. the progress line) */
    public TrainTrace(TrainingRun.Listener next) {
        this.next = next;
    }

    @Override
    public void onStep(TrainingRun.Progress p) {
        steps.add(steps.size() + 1);
        engineLoss.add(p.batchEngineLoss());
        dl4jLoss.add(p.batchDl4jLoss());
        next.onStep(p);
    }

    List<Integer> steps() {
        return steps;
    }

    List<Double> engineLoss() {
        return engineLoss;
    }

    List<Double> dl4jLoss() {
        return dl4jLoss;
    }
}
