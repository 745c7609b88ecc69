package lockstep.io;

/** The NumPy element types lockstep reads and writes: little-endian 8- and 4-byte floats and integers. */
public enum NpyType {
    F8("<f8", 8),
    F4("<f4", 4),
    I4("<i4", 4),
    I8("<i8", 8);

    private final String descr;
    private final int size;

    NpyType(String descr, int size) {
        this.descr = descr;
        this.size = size;
    }

    /** The NumPy dtype string, e.g. {@code <f8}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    public boolean isFloatingPoint() {
        return this == F8 || this == F4;
    }

    /** The type a descr names, or null when lockstep does not read it. */
    public static NpyType ofDescr(String descr) {
        for (NpyType t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
        }
        return null;
    }

    /** "<f8, <f4, <i4, <i8", for error messages. */
    public static String known() {
        StringBuilder b = new StringBuilder();
        for (NpyType t : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(t.descr);
        }
        return b.toString();
    }
}
