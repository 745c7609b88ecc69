package lockstep.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import lockstep.comparison.Divergence;

/** A divergence as JSON fields, the same in every command's output. */
final class DivergenceJson {
    private DivergenceJson() {
    }

    /**
     * Fills {@code o} with where the divergence happened and both values: the checked side's under
     * {@code side} ("engine" for compare, "replayed" for verify), the reference's under {@code reference}
     * ("dl4j" for compare, "golden" for verify).
     */
    static void put(ObjectNode o, Divergence d, String side, String reference, String description) {
        o.put("check", d.check().name());
        o.put("epoch", d.epoch());
        o.put("step", d.step());
        o.put("globalStep", d.globalStep());
        o.put("quantity", d.quantity().name());
        if (d.parameter() != null) {
            o.put("parameter", d.parameter());
            o.put("element", d.element());
        }
        o.put("index", d.index());      // flat, row-major (for the batch order: the position in the batch)
        o.put(side, d.engineValue());
        o.put(reference, d.dl4jValue());
        o.put("relativeDifference", d.error());
        if (d.tolerance() != null) {
            o.put("tolerance", d.tolerance().relative());
        }
        o.put("description", description);
    }
}
