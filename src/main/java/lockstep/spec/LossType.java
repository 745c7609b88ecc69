package lockstep.spec;

/** Loss functions of the output layer; names are DL4J's {@code LossFunctions.LossFunction} names. */
public enum LossType {
    /** Multi-class cross-entropy; needs a SOFTMAX output layer. */
    MCXENT,
    /** Mean squared error: per example Σ(p-y)²/nOut. */
    MSE
}
