/**
 * Small demonstrations of how training works, each run on both sides and checked step by step: zeroGrad and
 * gradient accumulation, why weights start random, what the initial scale does, epochs against steps. Each returns
 * its result as a record; the text a person reads is drawn in {@code lockstep.report} (ZeroGradDemoText and kin).
 */
package lockstep.demo;
