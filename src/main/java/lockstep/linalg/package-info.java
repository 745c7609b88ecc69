/**
 * Dense matrices in DOUBLE and FLOAT ({@link lockstep.linalg.Matrix}; the arrays stay inside this package) and
 * the operations the engine needs: the matrix product (packed, register-blocked, Vector API kernels when present;
 * {@link lockstep.linalg.NaiveMatMul} is the test oracle), row and element operations, each rounding as ND4J does.
 */
package lockstep.linalg;
