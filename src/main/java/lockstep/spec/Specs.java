package lockstep.spec;

import java.math.BigDecimal;

/** Small formatting helpers for specs. */
final class Specs {
    private Specs() {
    }

    /** A number as a person writes it: 0.1, not 0.10000000000000001. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
