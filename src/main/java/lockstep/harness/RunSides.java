package lockstep.harness;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import lockstep.comparison.ShadowTolerance;
import lockstep.comparison.TolerancePolicy;
import lockstep.dl4j.Dl4jTrainer;
import lockstep.linalg.DType;
import lockstep.spec.NetworkSpec;

/**
 * Every side a lockstep run steps, built once from the spec and the seed: the free-running engine (the trajectory
 * check), the engine re-anchored to DL4J before each step (the step check), DL4J, DL4J's update rule applied to the
 * engine's gradient, and in FLOAT the DOUBLE references (DL4J's shadow and the rule's reference), DL4J's own rounding
 * noise and its own FLOAT drift. Each DL4J network is drawn from the seed by DL4J itself.
 *
 * @param shadowNetwork the DOUBLE DL4J network behind {@code shadow} (null unless FLOAT is judged against a shadow)
 * @param noise         DL4J's own rounding noise (null when the step tolerance asks for bit-identity)
 * @param floatDrift    DL4J's own FLOAT drift as the trajectory's yardstick (null unless FLOAT)
 */
record RunSides(Trainer free, Trainer anchored, Dl4jTrainer dl4jNetwork, Dl4jSideTrainer dl4j, Dl4jSideTrainer rule,
                Trainer shadow, Dl4jTrainer shadowNetwork, Dl4jSideTrainer ruleReference, ShadowTolerance shadowTolerance,
                RoundingNoise noise, FloatDrift floatDrift) {

    /** The sides for {@code network} in {@code dtype}, engines from {@code newEngine}; shapes as the spec gives them. */
    static RunSides of(NetworkSpec network, DType dtype, long seed, TolerancePolicy tolerance, Supplier<Trainer> newEngine,
                       Map<String, int[]> shapes) {
        Trainer free = newEngine.get();
        Trainer anchored = newEngine.get();
        Dl4jTrainer dl4jNetwork = new Dl4jTrainer(network, dtype, seed);
        Dl4jSideTrainer dl4j = new Dl4jSideTrainer(dl4jNetwork);
        ShadowTolerance shadowTolerance = tolerance.shadowFor(dtype);
        Dl4jTrainer shadowNetwork = shadowTolerance == null ? null   // DL4J in DOUBLE: the FLOAT step's reference
                : new Dl4jTrainer(network, DType.DOUBLE, seed);
        Trainer shadow = shadowNetwork == null ? null : new Dl4jSideTrainer(shadowNetwork);
        Dl4jSideTrainer rule = new Dl4jSideTrainer(new Dl4jTrainer(network, dtype, seed));   // DL4J's rule on the engine's gradient
        Dl4jTrainer ruleReferenceNetwork = shadowNetwork == null ? null : LockstepRun.ruleReference(network, seed);
        Dl4jSideTrainer ruleReference = ruleReferenceNetwork == null ? null : new Dl4jSideTrainer(ruleReferenceNetwork);
        boolean bitForBit = tolerance.step().relative() == 0 && tolerance.step().absolute() == 0;
        RoundingNoise noise = bitForBit ? null   // DL4J's own rounding noise excuses a sum that cancels (taken only then)
                : new RoundingNoise(network, dtype, seed, shapes);
        FloatDrift floatDrift = shadowNetwork != null && Double.isInfinite(tolerance.trajectory().relative())
                ? new FloatDrift(network, seed, shapes) : null;   // FLOAT: DL4J's own drift is the yardstick
        return new RunSides(free, anchored, dl4jNetwork, dl4j, rule, shadow, shadowNetwork, ruleReference, shadowTolerance,
                noise, floatDrift);
    }

    /** Every trainer that steps (each told the epoch), in a fixed order. */
    List<Trainer> all() {
        return shadow == null ? List.of(free, anchored, dl4j, rule) : List.of(free, anchored, dl4j, rule, shadow, ruleReference);
    }
}
