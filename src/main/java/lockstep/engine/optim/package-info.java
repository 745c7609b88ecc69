/**
 * Optimizers as DL4J applies them, per layer: gradient normalisation, regularisation (merged as DL4J merges
 * global and layer settings), learning-rate schedules and the update rules ({@link lockstep.engine.optim.Rules}),
 * each written per element as ND4J computes it.
 */
package lockstep.engine.optim;
