package lockstep.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lockstep.explore.Cell;
import lockstep.explore.EarlyStoppingPick;
import lockstep.explore.ExploreGrid;
import lockstep.explore.ExploreResult;
import lockstep.explore.SideCurves;
import lockstep.spec.RunSpec;

/**
 * The explore grid as JSON, the data the explore page draws: the run, the axes, and per cell each side's training
 * loss per step and per epoch and validation loss per epoch. JSON has no NaN or infinity: a non-finite loss is
 * written as null, and the side's {@code diverged} object says where the first one was and what it was
 * ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}); {@code diverged} is null for a side whose losses are all finite.
 */
public final class ExploreJson {
    private ExploreJson() {
    }

    /** The document as one line. */
    public static String of(ExploreResult r) {
        return JsonText.compact(tree(r));
    }

    static ObjectNode tree(ExploreResult r) {
        RunSpec spec = r.spec();
        ExploreGrid grid = r.grid();
        ObjectNode o = JsonText.object();
        o.put("dataset", spec.data().describe());
        o.put("network", spec.network().describeShape());
        o.put("loss", spec.network().loss().toString());
        o.put("updater", spec.network().updater().type().toString());
        o.put("dataType", spec.training().dataType().toString());
        o.put("seed", spec.training().seed());
        o.put("dropLast", spec.training().dropLast());
        o.put("trainingExamples", r.trainingExamples());
        o.put("validationExamples", r.validationExamples());
        o.put("validation", r.validation());
        o.put("epochs", grid.epochs());
        ObjectNode stopping = o.putObject("earlyStopping");
        stopping.put("patience", grid.patience());
        stopping.put("minDelta", grid.minDelta());
        stopping.put("evaluateEvery", grid.evaluateEvery());
        grid.learningRates().forEach(o.putArray("learningRates")::add);
        grid.batchSizes().forEach(o.putArray("batchSizes")::add);
        o.putArray("shuffle").add(true).add(false);
        ObjectNode seconds = o.putObject("seconds");
        seconds.put("total", r.seconds());
        seconds.put("engine", r.engineSeconds());
        seconds.put("dl4j", r.dl4jSeconds());
        o.put("stepsPerSide", r.stepsPerSide());
        ArrayNode cells = o.putArray("cells");
        for (Cell c : r.cells()) {
            ObjectNode cell = cells.addObject();
            cell.put("learningRate", c.learningRate());
            cell.put("batchSize", c.batchSize());
            cell.put("shuffle", c.shuffle());
            cell.put("stepsPerEpoch", c.stepsPerEpoch());
            cell.put("diverged", c.diverged());
            cell.put("largestStepDifference", c.largestStepDifference());
            side(cell.putObject("engine"), c.engine());
            side(cell.putObject("dl4j"), c.dl4j());
        }
        return o;
    }

    private static void side(ObjectNode o, SideCurves s) {
        losses(o.putArray("stepLoss"), s.stepLoss());
        losses(o.putArray("epochLoss"), s.epochLoss());
        losses(o.putArray("validationLoss"), s.validationLoss());
        SideCurves.NonFinite n = s.nonFinite();
        if (n == null) {
            o.putNull("diverged");
        } else {
            ObjectNode d = o.putObject("diverged");
            d.put("quantity", n.quantity());
            d.put("step", n.step());
            d.put("epoch", n.epoch());
            d.put("value", Double.toString(n.value()));
        }
        EarlyStoppingPick p = s.stopping();
        ObjectNode es = o.putObject("earlyStopping");
        es.put("bestEpoch", p.bestEpoch());
        es.put("stoppedAfter", p.stoppedAfter());
        es.put("reason", p.reason());
        o.put("seconds", s.seconds());
    }

    /** Each value, a non-finite one as null. */
    private static void losses(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }
}
