package lockstep.external;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import lockstep.io.NpyArray;
import org.junit.jupiter.api.Test;

/** The protocol's framing: a JSON line listing NPY files by length, then the files (docs/engine-protocol.md). */
class EngineMessageTest {

    @Test
    void aMessageReadsBackWithItsFieldsAndArraysInOrder() throws Exception {
        double[] w = {0.1, -2.5, 3e-300, Double.NaN, 7, 8};
        EngineMessage sent = EngineMessage.of("step").with("step", 3).with("epoch", 0)
                .withArray("features", NpyArray.ofDoubles(new int[] {2, 3}, w))
                .withArray("labels", NpyArray.ofFloats(new int[] {2}, new double[] {1, 0}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sent.writeTo(bytes);

        String header = bytes.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("{\"type\":\"step\",\"step\":3,\"epoch\":0,\"arrays\":[{\"name\":\"features\",\"bytes\":176}"),
                header);   // 128-byte NPY header + 6 doubles
        EngineMessage read = EngineMessage.readFrom(new ByteArrayInputStream(bytes.toByteArray()), "step 3");
        assertEquals("step", read.type());
        assertEquals(3, read.fields().get("step").asInt());
        assertEquals(java.util.List.of("features", "labels"), java.util.List.copyOf(read.arrays().keySet()));
        assertArrayEquals(w, read.arrays().get("features").toDoubles());
        assertArrayEquals(new int[] {2, 3}, read.arrays().get("features").shape());
        assertArrayEquals(new double[] {1, 0}, read.arrays().get("labels").toDoubles());
    }

    @Test
    void theEndOfTheStreamBeforeAHeaderIsAnEofNotAFault() {
        assertThrows(EOFException.class, () -> EngineMessage.readFrom(new ByteArrayInputStream(new byte[0]), "step 1"));
    }

    @Test
    void aLineThatIsNotAProtocolMessageIsAFaultQuotingIt() {
        for (String line : new String[] {"Traceback (most recent call last):\n", "[1, 2]\n", "{\"step\": 1}\n"}) {
            EngineFault f = assertThrows(EngineFault.class, () -> EngineMessage.readFrom(
                    new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "step 4"));
            assertTrue(f.getMessage().contains("step 4") && f.getMessage().contains(line.strip().substring(0, 5)), f.getMessage());
        }
    }

    @Test
    void anArrayThatIsNotNpyIsAFaultNamingIt() {
        byte[] message = "{\"type\":\"result\",\"arrays\":[{\"name\":\"grad:0_W\",\"bytes\":4}]}\nabcd".getBytes(StandardCharsets.UTF_8);
        EngineFault f = assertThrows(EngineFault.class, () -> EngineMessage.readFrom(new ByteArrayInputStream(message), "step 2"));
        assertTrue(f.getMessage().contains("step 2") && f.getMessage().contains("grad:0_W"), f.getMessage());
    }

    @Test
    void arraysCutShortAreAnEof() {
        byte[] message = "{\"type\":\"result\",\"arrays\":[{\"name\":\"loss\",\"bytes\":136}]}\n\u0093NUMPY".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(EOFException.class, () -> EngineMessage.readFrom(new ByteArrayInputStream(message), "step 2"));
    }
}
