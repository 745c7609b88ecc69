package lockstep.spec;

import java.util.Locale;

/**
 * What a layer does to its input in a training forward pass: one of DL4J's stock {@code IDropout} classes
 * ({@code org.deeplearning4j.nn.conf.dropout}), each with its one fixed parameter. Inference passes the input
 * through unchanged. JSON: a plain number is {@link Dropout}'s p ({@code "dropout": 0.8}); every kind is also
 * written {@code {"type": "GAUSSIAN_DROPOUT", "rate": 0.1}}, with the parameter {@link Kind#parameter()} names.
 */
public sealed interface DropoutSpec extends java.io.Serializable {

    /** The four kinds, with the name of each one's parameter. */
    enum Kind {
        DROPOUT("p"), GAUSSIAN_DROPOUT("rate"), GAUSSIAN_NOISE("stddev"), ALPHA_DROPOUT("p");

        private final String parameter;

        Kind(String parameter) {
            this.parameter = parameter;
        }

        /** The JSON name of this kind's parameter. */
        public String parameter() {
            return parameter;
        }
    }

    Kind kind();

    /** The value of the kind's one parameter. */
    double value();

    /** E.g. {@code gaussian_dropout(rate=0.1)}. */
    default String describe() {
        return kind().name().toLowerCase(Locale.ROOT) + "(" + kind().parameter() + "=" + Specs.number(value()) + ")";
    }

    /** The spec of {@code kind} with parameter {@code value}. */
    static DropoutSpec of(Kind kind, double value) {
        return switch (kind) {
            case DROPOUT -> new Dropout(value);
            case GAUSSIAN_DROPOUT -> new GaussianDropout(value);
            case GAUSSIAN_NOISE -> new GaussianNoise(value);
            case ALPHA_DROPOUT -> new AlphaDropout(value);
        };
    }

    /** {@code Dropout(p)}: keeps each activation with probability p and scales the kept ones by 1/p (inverted dropout). */
    record Dropout(double p) implements DropoutSpec {
        @Override
        public Kind kind() {
            return Kind.DROPOUT;
        }

        @Override
        public double value() {
            return p;
        }
    }

    /** {@code GaussianDropout(rate)}: multiplies each activation by noise drawn from N(1, sqrt(rate / (1 − rate))). */
    record GaussianDropout(double rate) implements DropoutSpec {
        @Override
        public Kind kind() {
            return Kind.GAUSSIAN_DROPOUT;
        }

        @Override
        public double value() {
            return rate;
        }
    }

    /** {@code GaussianNoise(stddev)}: adds noise drawn from N(0, stddev) to each activation. */
    record GaussianNoise(double stddev) implements DropoutSpec {
        @Override
        public Kind kind() {
            return Kind.GAUSSIAN_NOISE;
        }

        @Override
        public double value() {
            return stddev;
        }
    }

    /**
     * {@code AlphaDropout(p)}, SELU's dropout: keeps each activation with probability p, sets the others to
     * α' = −λα (SELU's negative saturation value), then maps every value v to a·v + b, with a and b chosen so that
     * zero mean and unit variance are kept.
     */
    record AlphaDropout(double p) implements DropoutSpec {
        @Override
        public Kind kind() {
            return Kind.ALPHA_DROPOUT;
        }

        @Override
        public double value() {
            return p;
        }
    }
}
