/**
 * The feature matrix: one short lockstep comparison per supported feature (activation, loss, weight init,
 * updater, regulariser, gradient normalisation, dropout, depth, and the paths no default workload reaches), in DOUBLE
 * and FLOAT.
 */
package lockstep.coverage;
