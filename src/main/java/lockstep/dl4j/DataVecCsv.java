package lockstep.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import lockstep.LockstepException;
import lockstep.data.CsvRecords;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;

/**
 * CSV records through DataVec's {@code CSVRecordReader} (comma-separated, no header lines skipped,
 * double quotes stripped), handed on as plain string arrays with the 1-based line number that
 * DataVec's {@link RecordMetaDataLine} gives (0-based there). The cells stay text: lockstep.data
 * parses them, so that a bad value is reported with its line and column. DataVec does not
 * say which line a parse error (an unterminated quote) is on; since it returns one record per line,
 * blank lines included, that is the line after the previous record's.
 */
public final class DataVecCsv implements CsvRecords {

    @Override
    public void read(InputStream in, String name, Sink sink) throws IOException {
        CSVRecordReader reader = new CSVRecordReader(0, ',');
        try {
            reader.initialize(new InputStreamInputSplit(in));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + name, e);
        }
        int line = 0;                                   // 1-based line of the last record read
        while (reader.hasNext()) {
            Record record;
            try {
                record = reader.nextRecord();
            } catch (RuntimeException e) {
                throw new LockstepException(name + ": line " + (line + 1) + ": " + rootMessage(e));
            }
            line = record.getMetaData() instanceof RecordMetaDataLine meta ? meta.getLineNumber() + 1 : line + 1;
            List<Writable> cells = record.getRecord();
            String[] text = new String[cells.size()];
            for (int i = 0; i < text.length; i++) {
                text[i] = cells.get(i).toString();
            }
            sink.record(line, text);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
