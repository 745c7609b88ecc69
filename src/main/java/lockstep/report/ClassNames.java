package lockstep.report;

import java.util.ArrayList;
import java.util.List;
import lockstep.spec.DataSpec;

/** What a report calls each class: the known names of Iris and Fashion-MNIST, else the class index. */
final class ClassNames {
    private static final List<String> IRIS = List.of("setosa", "versicolor", "virginica");
    private static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private ClassNames() {
    }

    static List<String> of(DataSpec data, int classes) {
        List<String> known = switch (data.source()) {
            case DataSpec.IRIS -> IRIS;
            case DataSpec.FASHION_MNIST -> FASHION_MNIST;
            default -> List.of();
        };
        if (known.size() == classes) {
            return known;
        }
        List<String> indices = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            indices.add(Integer.toString(c));
        }
        return indices;
    }
}
