/**
 * Gradient checking, in DOUBLE: {@link lockstep.gradcheck.GradientCheck} holds the engine's backward pass against
 * central finite differences with DL4J's GradientCheckUtil criteria, and {@link lockstep.gradcheck.FourWayGradientCheck}
 * sets autograd, the matrix engine, DL4J and finite differences (and an engine under check) against each other on one
 * batch, per parameter and pair, so that a wrong backward pass is told apart from a forward pass both sides share.
 * It builds its sides through {@code harness}; the lockstep run never needs it.
 */
package lockstep.gradcheck;
