package lockstep.spec;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The output values a loss is defined for, and the output activations that guarantee them. Outside its
 * domain a loss takes the log of a non-positive number (NaN on both sides) or stops being a loss at all,
 * so {@link SpecValidator} refuses any other output activation instead of comparing meaningless numbers.
 */
public enum OutputDomain {
    /** Any real output. */
    ANY("any output", EnumSet.allOf(ActivationType.class)),
    /** Probabilities in (0, 1). */
    PROBABILITY("outputs in (0,1)", EnumSet.of(ActivationType.SOFTMAX, ActivationType.SIGMOID)),
    /** Values in [0, 1]; the loss clips them away from 0 and 1. */
    UNIT_INTERVAL("outputs in [0,1]", EnumSet.of(ActivationType.SOFTMAX, ActivationType.SIGMOID, ActivationType.HARDSIGMOID)),
    /** Strictly positive values. */
    POSITIVE("outputs > 0", EnumSet.of(ActivationType.SOFTMAX, ActivationType.SIGMOID, ActivationType.SOFTPLUS)),
    /** Non-negative values (for log(1 + p): an activation that only approaches -1, like TANH, reaches it in floating point). */
    NON_NEGATIVE("outputs >= 0", EnumSet.of(ActivationType.SOFTMAX, ActivationType.SIGMOID, ActivationType.SOFTPLUS,
            ActivationType.HARDSIGMOID, ActivationType.RELU, ActivationType.RELU6, ActivationType.RECTIFIEDTANH));

    private final String describe;
    private final Set<ActivationType> activations;

    OutputDomain(String describe, Set<ActivationType> activations) {
        this.describe = describe;
        this.activations = Set.copyOf(activations);
    }

    public boolean allows(ActivationType output) {
        return activations.contains(output);
    }

    /** E.g. "outputs > 0". */
    public String describe() {
        return describe;
    }

    /** The allowed output activations in declaration order, e.g. "SIGMOID, SOFTPLUS or SOFTMAX". */
    public String activationList() {
        String[] names = Arrays.stream(ActivationType.values()).filter(activations::contains).map(Enum::name)
                .toArray(String[]::new);
        if (names.length == 1) {
            return names[0];
        }
        return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", ")) + " or " + names[names.length - 1];
    }
}
