/**
 * Engines outside lockstep, in any language, checked against DL4J like lockstep's own: the engine protocol
 * (docs/engine-protocol.md). {@link lockstep.external.ExternalEngine} starts the user's program and makes each copy of
 * it a {@link lockstep.harness.Trainer}; {@link lockstep.external.EngineProcess} carries the messages
 * ({@link lockstep.external.EngineMessage}: a JSON line and NPY arrays) and turns every misbehaviour into an
 * {@link lockstep.external.EngineFault}.
 */
package lockstep.external;
