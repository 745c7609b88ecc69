/**
 * The run spec: what a lockstep run trains (dataset, network, loss, updater, regularisation, dropout, training
 * settings) as immutable records, read from and written to JSON ({@link lockstep.spec.SpecJson}) and checked with one-line
 * errors that name the field ({@link lockstep.spec.SpecValidator}). Both sides are built from it and from nothing else.
 */
package lockstep.spec;
