/**
 * The lockstep comparison: the engine and DL4J as {@link lockstep.harness.Trainer}s, the run that steps them side
 * by side from the same seed ({@link lockstep.harness.LockstepRun}), the checks made at every step (starting state,
 * batch order, dropout masks, loss, gradients, updates, parameters, updater state; FLOAT against a DOUBLE shadow)
 * under a {@link lockstep.harness.TolerancePolicy}, and the first {@link lockstep.harness.Divergence} they find.
 * Also gradient checks and plain training runs that use the same sides.
 */
package lockstep.harness;
