/**
 * The grid behind {@code lockstep explore}: one network trained for every learning rate, batch size and shuffle
 * setting of a grid, on both sides (the engine and DL4J, each from the spec's seed alone), recording each side's
 * training loss per step and per epoch, its validation loss per epoch, where it first became NaN or infinite, and
 * the epoch early stopping would pick. {@code lockstep.report} turns the result into the interactive page.
 */
package lockstep.explore;
