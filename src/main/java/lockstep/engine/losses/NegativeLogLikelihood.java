package lockstep.engine.losses;

import lockstep.spec.LossType;

/** DL4J's LossNegativeLogLikelihood: a subclass of LossMCXENT that changes nothing, so exactly {@link McXent}. */
public class NegativeLogLikelihood extends McXent {

    @Override
    public LossType type() {
        return LossType.NEGATIVELOGLIKELIHOOD;
    }
}
