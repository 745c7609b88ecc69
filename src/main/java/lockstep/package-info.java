/**
 * lockstep: a from-scratch neural-network engine trained side by side with Deeplearning4j from the same seed, and the
 * oracle that proves, step by step, that the two agree. {@link lockstep.LockstepException} is the one-line error every
 * layer throws for bad input; the subpackages are described in docs/architecture.md.
 */
package lockstep;
