package lockstep.coverage;

import java.util.function.Function;
import lockstep.linalg.DType;
import lockstep.spec.RunSpec;

/** One supported feature and the short lockstep run that exercises it, for a data type. */
public record Feature(String group, String name, Function<DType, RunSpec> run) {
}
