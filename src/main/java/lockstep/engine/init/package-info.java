/**
 * The engine's initial draw from the seed: initial parameters and the dropout masks of training, from one
 * reproduction of ND4J's generator, in the order DL4J draws them ({@link lockstep.engine.init.InitialDraw}).
 */
package lockstep.engine.init;
