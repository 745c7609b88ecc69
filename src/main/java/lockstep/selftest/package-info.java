/**
 * The selftest: a catalogue of known bugs ({@link lockstep.selftest.PlantedBugs}), each planted into the engine
 * through one faulty component ({@link lockstep.selftest.Faults}) and run against DL4J, with where the harness must
 * report it; {@link lockstep.selftest.Selftest} runs them and checks that each is caught at the expected step,
 * quantity and parameter while the clean engine passes the same run.
 */
package lockstep.selftest;
