/**
 * Small demonstrations of how training works, each run on both sides and checked step by step: zeroGrad and
 * gradient accumulation, why weights start random, what the initial scale does, epochs against steps.
 */
package lockstep.demo;
