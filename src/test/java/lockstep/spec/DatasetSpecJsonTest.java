package lockstep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lockstep.LockstepException;
import org.junit.jupiter.api.Test;

/** The "dataset" part of a spec: "iris", "fashion-mnist", the fashion-mnist object with limits, the CSV object. */
class DatasetSpecJsonTest {

    private static DataSpec data(String datasetJson) {
        return SpecJson.parse("{\"dataset\": " + datasetJson + "}", "s.json").data();
    }

    private static String error(String datasetJson) {
        return assertThrows(LockstepException.class, () -> data(datasetJson)).getMessage();
    }

    @Test
    void fashionMnistByNameTakesEveryExampleFromThePackageDirectory() {
        assertEquals(DataSpec.fashionMnist(null, 0, 0), data("\"fashion-mnist\""));
    }

    @Test
    void fashionMnistObjectTakesLimitsAndADirectory() {
        assertEquals(DataSpec.fashionMnist("/data/fm", 2000, 500),
                data("{\"fashion-mnist\": {\"limit\": 2000, \"testLimit\": 500, \"dir\": \"/data/fm\"}}"));
        assertEquals(DataSpec.fashionMnist(null, 100, 0), data("{\"fashion-mnist\": {\"limit\": 100}}"));
    }

    @Test
    void everyDatasetFormReadsBackEqual() {
        for (DataSpec d : new DataSpec[] {DataSpec.iris(), DataSpec.csv("/x.csv", 4, 3), DataSpec.fashionMnist(null, 0, 0),
                DataSpec.fashionMnist(null, 7, 0), DataSpec.fashionMnist("/d", 0, 9)}) {
            RunSpec spec = new RunSpec(d, RunSpec.irisDefault().network(), RunSpec.irisDefault().training());
            assertEquals(spec, SpecJson.parse(SpecJson.write(spec), "t"));
        }
    }

    @Test
    void badDatasetsAreNamed() {
        assertEquals("s.json: dataset: unknown dataset \"mnist\" (known: \"iris\", \"fashion-mnist\", or an object"
                + " {\"csv\": path, \"labelColumn\": k, \"classes\": n} or {\"fashion-mnist\": {\"limit\": n, \"testLimit\": n,"
                + " \"dir\": path}})", error("\"mnist\""));
        assertEquals("s.json: dataset.fashion-mnist.limit: must be at least 1, got 0", error("{\"fashion-mnist\": {\"limit\": 0}}"));
        assertEquals("s.json: dataset.fashion-mnist: unknown field \"limits\" (known: limit, testLimit, dir)",
                error("{\"fashion-mnist\": {\"limits\": 3}}"));
        assertEquals("s.json: dataset: unknown field \"csv\" (known: fashion-mnist)",
                error("{\"fashion-mnist\": {}, \"csv\": \"x\"}"));
    }
}
