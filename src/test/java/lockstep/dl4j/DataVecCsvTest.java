package lockstep.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lockstep.LockstepException;
import lockstep.data.CsvDatasetReader;
import lockstep.data.CsvRecords;
import lockstep.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV data is read by DataVec's CSVRecordReader, and errors still name the line and column. */
class DataVecCsvTest {
    @TempDir
    Path dir;

    private static List<String> records(String text) throws IOException {
        List<String> out = new ArrayList<>();
        new DataVecCsv().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv",
                (line, cells) -> out.add(line + ":" + String.join("|", cells)));
        return out;
    }

    private static Dataset read(String text, int labelColumn, int classes) throws IOException {
        return CsvDatasetReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", labelColumn, classes);
    }

    @Test
    void theStandardCsvReaderIsDataVecs() {
        assertInstanceOf(DataVecCsv.class, CsvRecords.standard());
    }

    @Test
    void recordsCarryTheirFileLineNumbersBlankLinesIncluded() throws IOException {
        assertEquals(List.of("1:1|2|3", "2:", "3:4|5|6", "4:7|8|9|"), records("1,2,3\n\n4,5,6\r\n7,8,9,\n"));
    }

    @Test
    void quotesAreStrippedAsDataVecDoes() throws IOException {
        Dataset d = read("\"1.5\",2,\"1\"\n", 2, 2);
        assertEquals(1.5, d.feature(0, 0));
        assertEquals(1, d.classOf(0));
    }

    @Test
    void errorsNameTheFileLineAfterBlankLinesAndCrLf() {
        String m = assertThrows(LockstepException.class, () -> read("1,2,0\r\n\r\n1,x,0\r\n", 2, 2)).getMessage();
        assertEquals("t.csv: line 3, column 1: \"x\" is not a number", m);
    }

    @Test
    void aParseErrorInsideDataVecIsReportedWithItsLine() {
        String m = assertThrows(LockstepException.class, () -> read("1,2,0\n\n1,\"2,0\n", 2, 2)).getMessage();
        assertEquals("t.csv: line 3: Un-terminated quoted field at end of CSV line", m);
    }

    @Test
    void aFileOnDiskKeepsItsNameInErrors() throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "1,2,0\n1,2\n");
        String m = assertThrows(LockstepException.class, () -> CsvDatasetReader.read(csv, 2, 2)).getMessage();
        assertEquals(csv + ": line 2 has 2 columns, expected 3", m);
        Path missing = dir.resolve("none.csv");
        assertEquals(missing + ": data file not found",
                assertThrows(LockstepException.class, () -> CsvDatasetReader.read(missing, 2, 2)).getMessage());
    }
}
