/**
 * The from-scratch engine: a {@link lockstep.engine.Network} of dense layers built from a spec
 * ({@link lockstep.engine.NetworkBuilder}) out of replaceable parts ({@link lockstep.engine.EngineComponents}), its
 * {@link lockstep.engine.Parameter}s (value, gradient, update). No DL4J or ND4J code: plain Java on
 * {@code lockstep.linalg}; the subpackages hold activations, losses, layers, optimizers, training and autograd.
 */
package lockstep.engine;
