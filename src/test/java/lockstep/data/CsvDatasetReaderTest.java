package lockstep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import lockstep.LockstepException;
import org.junit.jupiter.api.Test;

class CsvDatasetReaderTest {

    private static Dataset read(String text, int labelColumn, int classes) throws IOException {
        return CsvDatasetReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", labelColumn, classes);
    }

    private static String error(String text, int labelColumn, int classes) {
        return assertThrows(LockstepException.class, () -> read(text, labelColumn, classes)).getMessage();
    }

    @Test
    void readsFeaturesAroundTheLabelColumn() throws IOException {
        Dataset d = read("1,0.5,2\n2,1.5,3\n", 0, 3);
        assertEquals(2, d.size());
        assertEquals(2, d.featureCount());
        assertEquals(1, d.classOf(0));
        assertEquals(2, d.classOf(1));
        assertEquals(1.5, d.feature(1, 0));
        assertEquals(3.0, d.feature(1, 1));
    }

    @Test
    void errorsNameTheLineAndColumn() {
        assertTrue(error("1,2,0\n1,x,0\n", 2, 2).contains("t.csv: line 2, column 1: \"x\" is not a number"));
        assertTrue(error("1,2,0\n1,2\n", 2, 2).contains("t.csv: line 2 has 2 columns, expected 3"));
        assertTrue(error("1,Infinity,0\n", 2, 2).contains("line 1, column 1: Infinity is not a finite number"));
        assertTrue(error("1,2,5\n", 2, 2).contains("line 1, column 2: label 5 is not a class index in 0..1"));
        assertTrue(error("1,2,0\n", 7, 2).contains("label column 7 does not exist"));
        assertTrue(error("\n", 0, 2).contains("no examples"));
    }
}
