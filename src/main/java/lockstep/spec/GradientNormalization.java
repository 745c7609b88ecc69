package lockstep.spec;

/** DL4J's gradient normalisation modes, applied per layer after the 1/B and before regularisation and the updater. */
public enum GradientNormalization {
    None,
    /** g /= ||all gradients of the layer||₂ (1e-5 when that norm is 0). */
    RenormalizeL2PerLayer,
    /** g /= ||g||₂ for each parameter separately. */
    RenormalizeL2PerParamType,
    /** each element clipped to [-threshold, threshold]. */
    ClipElementWiseAbsoluteValue,
    /** all gradients of the layer scaled by threshold/||·||₂ when that norm exceeds threshold. */
    ClipL2PerLayer,
    /** each parameter's gradient scaled by threshold/||g||₂ when its norm exceeds threshold. */
    ClipL2PerParamType
}
