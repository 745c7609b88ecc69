/**
 * The dense layer (forward z = x·W + b, a = f(z), caching x, z and a; backward dW, db and dL/dx, next to it) with
 * inverted dropout on its input, and the per-batch-size work buffers it reuses.
 */
package lockstep.engine.layers;
