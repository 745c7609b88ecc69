/**
 * The activation functions, each with its value next to its derivative, in double and, where ND4J's float
 * kernel rounds differently, in float arithmetic as ND4J computes it.
 */
package lockstep.engine.activations;
