package lockstep.bench;

/**
 * A benchmarked matrix product {@code C[m,n] = op(A)·op(B)} over depth k, by name: {@code square-N}
 * (N x N times N x N), or one of the three products of a 784-128 dense layer at batch 128 that a
 * training step computes: {@code layer-xW} (z = x·W, [128,784]·[784,128]), {@code layer-dWt}
 * (dL/dx = δ·Wᵀ, [128,128]·[784,128]ᵀ) and {@code layer-xtd} (dW = xᵀ·δ, [128,784]ᵀ·[128,128]).
 * A and B are stored row-major as given, transposed or not. Immutable.
 */
record Product(String name, int m, int k, int n, boolean transposeA, boolean transposeB, String describe) {

    static Product parse(String name) {
        if (name.startsWith("square-")) {
            int s = Integer.parseInt(name.substring("square-".length()));
            return new Product(name, s, s, s, false, false, s + "³  A·B");
        }
        return switch (name) {
            case "layer-xW" -> new Product(name, 128, 784, 128, false, false, "784-128 B128  x·W  [128,784]·[784,128]");
            case "layer-dWt" -> new Product(name, 128, 128, 784, false, true, "784-128 B128  δ·Wᵀ [128,128]·[784,128]ᵀ");
            case "layer-xtd" -> new Product(name, 784, 128, 128, true, false, "784-128 B128  xᵀ·δ [128,784]ᵀ·[128,128]");
            default -> throw new IllegalArgumentException("unknown product '" + name
                    + "': square-N, layer-xW, layer-dWt or layer-xtd");
        };
    }

    /** {@code 512³} for a square, the name otherwise. */
    String shortName() {
        return name.startsWith("square-") ? m + "³" : name;
    }

    /** Rows and columns of A as stored. */
    int aRows() {
        return transposeA ? k : m;
    }

    int aCols() {
        return transposeA ? m : k;
    }

    /** Rows and columns of B as stored. */
    int bRows() {
        return transposeB ? n : k;
    }

    int bCols() {
        return transposeB ? k : n;
    }

    /** 2·m·n·k: one multiply and one add per term. */
    long flops() {
        return 2L * m * n * k;
    }
}
