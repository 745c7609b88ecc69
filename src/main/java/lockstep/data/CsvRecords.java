package lockstep.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ServiceLoader;

/**
 * Splits CSV text into records of cells. lockstep's own implementation is DataVec's
 * {@code CSVRecordReader} ({@code lockstep.dl4j.DataVecCsv}); since only lockstep.dl4j may import
 * DataVec and lockstep.data may not depend on lockstep.dl4j, {@link #standard()} finds it through
 * {@link ServiceLoader} (registered in {@code META-INF/services/lockstep.data.CsvRecords}).
 */
public interface CsvRecords {

    /** Receives one record: its 1-based line number in the file and its cells as text. */
    @FunctionalInterface
    interface Sink {
        void record(int line, String[] cells);
    }

    /**
     * Hands every record of {@code in} to {@code sink}, in file order; a blank line arrives as one
     * empty cell. A malformed record is a {@link lockstep.LockstepException} naming {@code name} and its line.
     */
    void read(InputStream in, String name, Sink sink) throws IOException;

    /** The registered implementation (DataVec's reader). */
    static CsvRecords standard() {
        return ServiceLoader.load(CsvRecords.class, CsvRecords.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + CsvRecords.class.getName()
                        + " implementation on the class path (expected lockstep.dl4j.DataVecCsv, registered in"
                        + " META-INF/services/" + CsvRecords.class.getName() + ")"));
    }
}
