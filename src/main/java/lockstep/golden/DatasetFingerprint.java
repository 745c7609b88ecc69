package lockstep.golden;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import lockstep.data.Dataset;

/**
 * Identifies the data a scenario was recorded on: name, size and the SHA-256 of every example's
 * features (little-endian doubles) followed by its class index (little-endian int), in dataset
 * order. Verify refuses to replay a scenario on different data.
 */
public record DatasetFingerprint(String name, int examples, int features, int classes, String sha256) {

    public static DatasetFingerprint of(Dataset data) {
        MessageDigest sha = Sha256.digest();
        ByteBuffer b = ByteBuffer.allocate(8 * data.featureCount() + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int e = 0; e < data.size(); e++) {
            b.clear();
            for (int c = 0; c < data.featureCount(); c++) {
                b.putDouble(data.feature(e, c));
            }
            b.putInt(data.classOf(e));
            sha.update(b.array());
        }
        return new DatasetFingerprint(data.name(), data.size(), data.featureCount(), data.classCount(),
                Sha256.hex(sha.digest()));
    }
}
