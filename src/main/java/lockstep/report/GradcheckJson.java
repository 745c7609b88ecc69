package lockstep.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lockstep.comparison.TensorDiff;
import lockstep.gradcheck.FourWayGradientCheck;
import lockstep.gradcheck.GradientCheck;

/**
 * {@code gradcheck --json}: the verdict, the batch, the limits, and per parameter the largest gradient
 * element and each pair's worst relative difference with its verdict (and, where a pair disagrees,
 * the first element beyond the limit with both values).
 */
public final class GradcheckJson {
    private GradcheckJson() {
    }

    /** {@code engine}: the engine under check as the CLI names it ("matrix" and "autograd" add no fifth gradient). */
    public static String of(FourWayGradientCheck.Result r, String engine) {
        ObjectNode o = JsonText.object();
        o.put("command", "gradcheck");
        o.put("engine", engine);
        o.put("verdict", r.passed() ? "PASS" : "FAIL");
        o.put("run", r.spec().describe());
        ArrayNode batch = o.putArray("batch");
        for (int e : r.batch()) {
            batch.add(e);
        }
        ObjectNode limits = o.putObject("limits");
        limits.put("autogradVsMatrix", FourWayGradientCheck.MATRIX_ENGINE);
        limits.put("vsDl4j", FourWayGradientCheck.DL4J.relative());
        limits.put("vsDl4jFloor", FourWayGradientCheck.DL4J.floor());
        limits.put("finiteDifferences", GradientCheck.MAX_RELATIVE_ERROR);
        limits.put("finiteDifferencesEpsilon", GradientCheck.EPSILON);
        limits.put("finiteDifferencesAbsolute", GradientCheck.MIN_ABSOLUTE_ERROR);
        ArrayNode rows = o.putArray("parameters");
        for (FourWayGradientCheck.Row row : r.rows()) {
            ObjectNode p = rows.addObject();
            p.put("parameter", row.parameter());
            ArrayNode shape = p.putArray("shape");
            for (int d : row.shape()) {
                shape.add(d);
            }
            p.put("largestAbsoluteGradient", row.largest());
            pair(p.putObject("autogradVsMatrix"), row.autogradVsMatrix(), "autograd", row.autograd(), "matrix", row.matrix());
            pair(p.putObject("autogradVsDl4j"), row.autogradVsDl4j(), "autograd", row.autograd(), "dl4j", row.dl4j());
            pair(p.putObject("matrixVsDl4j"), row.matrixVsDl4j(), "matrix", row.matrix(), "dl4j", row.dl4j());
            if (row.checkedVsDl4j() != null) {
                pair(p.putObject("engineVsDl4j"), row.checkedVsDl4j(), "engine", row.checked(), "dl4j", row.dl4j());
            }
            GradientCheck.ParameterResult f = row.finiteDifferences();
            ObjectNode fd = p.putObject("autogradVsFiniteDifferences");
            fd.put("passed", f.passed());
            fd.put("worstRelativeDifference", f.relativeError());
            fd.put("worstIndex", f.worstIndex());
            fd.put("autograd", f.analytic());
            fd.put("finiteDifferences", f.numeric());
        }
        return JsonText.pretty(o);
    }

    private static void pair(ObjectNode o, TensorDiff d, String left, double[] l, String right, double[] r) {
        o.put("passed", d.passed());
        o.put("worstRelativeDifference", d.worstError());
        if (!d.passed()) {
            int i = d.firstFailIndex();
            o.put("firstFailIndex", i);
            o.put(left, l[i]);
            o.put(right, r[i]);
        }
    }
}
