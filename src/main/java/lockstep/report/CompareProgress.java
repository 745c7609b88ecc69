package lockstep.report;

import java.util.Locale;
import java.util.Map;
import lockstep.harness.EpochSummary;
import lockstep.harness.LockstepRun;

/**
 * compare's progress within an epoch, on a terminal only: {@code epoch 2/10  step 120/469  loss 0.5123
 * (dl4j 0.5123)  worst rel. diff 3.1e-16}, redrawn in place on stderr and blanked before each epoch's
 * table row (which the next listener prints). Passes every event on.
 */
public final class CompareProgress implements LockstepRun.Listener {
    private final TerminalLine line;
    private final int epochs;
    private final int stepsPerEpoch;
    private final LockstepRun.Listener next;
    private double worst;

    public CompareProgress(TerminalLine line, int epochs, int stepsPerEpoch, LockstepRun.Listener next) {
        this.line = line;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.next = next;
    }

    @Override
    public void onStart(Map<String, double[]> initialParameters) {
        next.onStart(initialParameters);
    }

    @Override
    public void onStep(LockstepRun.StepRecord r) {
        double w = r.stepCheck().worstOverall();
        worst = Double.isNaN(w) || Double.isNaN(worst) ? Double.NaN : Math.max(worst, w);
        if (line.due()) {
            line.draw(String.format(Locale.ROOT, "epoch %d/%d  step %d/%d  loss %.4f (dl4j %.4f)  worst rel. diff %.1e",
                    r.epoch(), epochs, r.step(), stepsPerEpoch, r.freeEngine().loss(), r.dl4j().loss(), worst), false);
        }
        next.onStep(r);
    }

    @Override
    public void onEpoch(EpochSummary summary) {
        line.clear();
        next.onEpoch(summary);
    }
}
