package lockstep.dl4j;

import java.io.Serializable;

/** Supplies the dropout mask a layer's input gets at an iteration: row-major [rows, cols], values 0 or 1/p. */
@FunctionalInterface
public interface MaskSource extends Serializable {
    double[] mask(int layer, int iteration, int rows, int cols);
}
