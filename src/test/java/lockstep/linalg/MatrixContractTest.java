package lockstep.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the matrix types promise at their edges: the values they are made of, how they print, and what they refuse. */
class MatrixContractTest {

    @ParameterizedTest
    @EnumSource(DType.class)
    void aMatrixIsMadeOfExactlyRowsTimesColsValues(DType dtype) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Matrix.of(dtype, 2, 3, new double[5]));
        assertEquals("expected 6 values for [2,3], got 5", e.getMessage());
        assertEquals(6, Matrix.of(dtype, 2, 3, new double[6]).size());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aSmallMatrixPrintsItsValuesALargeOneOnlyItsShape(DType dtype) {
        assertEquals(dtype + "[2,2][1.0, 2.0, 3.0, 0.5]", Matrix.of(dtype, 2, 2, new double[] {1, 2, 3, 0.5}).toString());
        assertEquals(dtype + "[4,4][" + "0.0, ".repeat(15) + "0.0]", Matrix.zeros(dtype, 4, 4).toString());
        assertEquals(dtype + "[1,17]", Matrix.zeros(dtype, 1, 17).toString());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyFromRefusesAnotherShapeOrType(DType dtype) {
        DType other = dtype == DType.FLOAT ? DType.DOUBLE : DType.FLOAT;
        Matrix target = Matrix.zeros(dtype, 2, 3);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> target.copyFrom(Matrix.zeros(dtype, 3, 2)));
        assertEquals("copyFrom: expected " + dtype + "[2,3] but got " + dtype + "[3,2]", shape.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> target.copyFrom(Matrix.zeros(other, 2, 3)));
        assertEquals("copyFrom: expected " + dtype + "[2,3] but got " + other + "[2,3]", type.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void theNaiveProductRefusesShapesThatDoNotFit(DType dtype) {
        Matrix a = Matrix.zeros(dtype, 2, 3);
        Matrix c = Matrix.zeros(dtype, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NaiveMatMul().multiply(a, false, Matrix.zeros(dtype, 2, 2), false, c, false));
        assertEquals("matrix product shapes do not fit: " + dtype + "[2,3] · " + dtype + "[2,2] -> " + dtype + "[2,2]",
                e.getMessage());
    }
}
