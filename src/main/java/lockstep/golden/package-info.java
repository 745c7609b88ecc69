/**
 * Golden reference data: runs recorded from DL4J ({@link lockstep.golden.GoldenRecorder}), stored as {@code .npy}
 * arrays with a checksummed manifest ({@link lockstep.golden.ScenarioFiles}), and replayed by the engine and by DL4J
 * against the recording ({@link lockstep.golden.GoldenVerifier}, {@link lockstep.golden.ReferenceData}).
 */
package lockstep.golden;
