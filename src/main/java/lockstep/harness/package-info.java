/**
 * The loop and the two sides: the engine and DL4J as {@link lockstep.harness.Trainer}s (the one interface every side
 * implements, the matrix engine, autograd, a JVM class or an external program), the run that steps them side by side
 * from the same seed through the one epoch loop ({@link lockstep.harness.LockstepRun}: starting state, batch order and
 * dropout masks first, then every step, validation and early stopping), the checks that have to drive a side (DL4J's
 * own FLOAT drift and rounding noise, the dropout masks, the validation scores) and plain training for {@code train}.
 * What is judged, and how, lives in {@link lockstep.comparison}; the first divergence it finds ends the run.
 */
package lockstep.harness;
