package lockstep.engine;

import lockstep.linalg.Matrix;

/**
 * One trainable tensor with DL4J's key ({@code "0_W"}, {@code "0_b"}, ...), its current value, the
 * gradient of the batch-mean loss from the last backward pass, and the update the optimizer last
 * subtracted from it.
 */
public final class Parameter {
    private final String name;
    private final Matrix value;
    private final Matrix gradient;
    private final Matrix update;

    public Parameter(String name, Matrix value) {
        this.name = name;
        this.value = value;
        this.gradient = value.like(value.rows(), value.cols());
        this.update = value.like(value.rows(), value.cols());
    }

    public String name() {
        return name;
    }

    public Matrix value() {
        return value;
    }

    public Matrix gradient() {
        return gradient;
    }

    public Matrix update() {
        return update;
    }
}
