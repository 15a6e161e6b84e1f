package org.calcify.nn.training;

/**
 * Which epoch's weights a fold keeps, and what early stopping waits for: the lowest validation loss, or the highest
 * validation macro-F1. With class-weighted cross-entropy the validation loss can rise from an early epoch on while
 * every classification figure still improves (the network grows confident on a few hard patches); the loss then keeps
 * an under-trained network (docs/benchmarks.md, v5 of the default model).
 */
public enum ModelSelection {
    /** The lowest validation loss (the default). */
    LOSS("loss"),
    /** The highest validation macro-F1 (mean F1 over the classes present); ties keep the earlier epoch. */
    MACRO_F1("macro-f1");

    private final String id;

    ModelSelection(String id) {
        this.id = id;
    }

    /** Its name on the command line. */
    public String id() {
        return id;
    }

    /** The figure early stopping minimises: the validation loss, or minus the validation macro-F1. */
    double criterion(EpochResult epoch) {
        return this == LOSS ? epoch.validationLoss() : -epoch.validation().macroF1();
    }

    /** The selection named {@code id}. */
    public static ModelSelection of(String id) {
        for (ModelSelection s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown model selection '" + id + "' (loss, macro-f1)");
    }
}
