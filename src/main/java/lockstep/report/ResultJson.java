package lockstep.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lockstep.comparison.Divergence;
import lockstep.comparison.EpochValidation;
import lockstep.comparison.Quantity;
import lockstep.harness.EarlyStoppingComparison;
import lockstep.harness.EpochSummary;
import lockstep.harness.LockstepResult;
import lockstep.spec.SpecJson;

/** A lockstep result as JSON for programs: the verdict, the tolerances, the worst differences, every epoch and the divergence. */
public final class ResultJson {
    private ResultJson() {
    }

    /** {@code engine}: the engine checked, as the CLI names it ("matrix", "autograd", a class or a command). */
    public static String of(LockstepResult r, String engine) {
        return JsonText.pretty(node(r, engine));
    }

    /** As {@link #of(LockstepResult, String)}, with lockstep's own engine's run of the same spec under {@code builtin}. */
    public static String of(LockstepResult r, String engine, LockstepResult builtin) {
        ObjectNode o = node(r, engine);
        o.set("builtin", node(builtin, "matrix"));
        return JsonText.pretty(o);
    }

    private static ObjectNode node(LockstepResult r, String engine) {
        ObjectNode o = JsonText.object();
        o.put("verdict", r.passed() ? "PASS" : "FAIL");
        o.put("engine", engine);
        o.put("run", r.spec().describe());
        o.set("spec", JsonText.parse(SpecJson.write(r.spec())));
        o.put("steps", r.steps());
        o.put("parameters", r.parameterCount());
        o.put("examplesSeen", r.examplesSeen());
        o.put("worstRelativeDifference", r.worstStepError());
        o.put("largestAbsoluteDifference", r.largestAbsolute());
        o.put("trajectoryDrift", r.worstDrift());
        if (r.shadowed()) {
            o.put("shadowRatio", r.worstShadowRatio());
        }
        ObjectNode tol = o.putObject("tolerance");
        JsonText.tolerance(tol, r.tolerance());
        tol.put("driftWindow", r.tolerance().driftWindow());
        ArrayNode epochs = o.putArray("epochs");
        for (EpochSummary e : r.epochs()) {
            ObjectNode row = epochs.addObject();
            row.put("epoch", e.epoch());
            row.put("steps", e.steps());
            row.put("engineLoss", e.engineLoss());
            row.put("dl4jLoss", e.dl4jLoss());
            for (Quantity q : new Quantity[] {Quantity.LOSS, Quantity.GRADIENT, Quantity.UPDATE, Quantity.PARAMETER}) {
                row.put(q.name().toLowerCase(), e.worst(q));
            }
            row.put("drift", e.worstDrift());
            EpochValidation v = e.validation();
            if (v != null) {
                row.put("validationLossEngine", v.engineLoss());
                row.put("validationLossDl4j", v.dl4jLoss());
                row.put("validationAccuracyEngine", v.engineAccuracy());
                row.put("validationAccuracyDl4j", v.dl4jAccuracy());
            }
        }
        EarlyStoppingComparison es = r.earlyStopping();
        if (es != null) {
            ObjectNode stop = o.putObject("earlyStopping");
            stop.put("passed", es.passed());
            ObjectNode engineSide = stop.putObject("engine");
            engineSide.put("stoppedAfterEpoch", es.engine().stoppedAfter());
            engineSide.put("bestEpoch", es.engine().bestEpoch());
            engineSide.put("reason", es.engine().describeReason());
            ObjectNode dl4jSide = stop.putObject("dl4j");           // as DL4J reports it: epochs counted from 0
            dl4jSide.put("totalEpochs", es.dl4j().totalEpochs());
            dl4jSide.put("bestModelEpoch", es.dl4j().bestModelEpoch());
            dl4jSide.put("terminationDetails", es.dl4j().terminationDetails());
            ArrayNode scores = stop.putArray("epochs");
            for (EarlyStoppingComparison.Row row : es.rows()) {
                ObjectNode e = scores.addObject();
                e.put("epoch", row.epoch());
                e.put("validationLossEngine", row.engineScore());
                e.put("validationLossDl4j", row.dl4jScore());
            }
        }
        Divergence d = r.divergence();
        if (d != null) {
            DivergenceJson.put(o.putObject("divergence"), d, "engine", "dl4j", d.describe());
        }
        return o;
    }
}
