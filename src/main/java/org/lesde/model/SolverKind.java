package org.lesde.model;

/** The SDE solvers a model or the CLI can ask for. */
public enum SolverKind {
    EULER_MARUYAMA("euler-maruyama"),
    MILSTEIN("milstein"),
    /** Exact Gaussian sampling at output times (linear model, additive noise, mean closure). */
    EXACT("exact");

    private final String key;

    SolverKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static SolverKind byKey(String key) {
        for (SolverKind s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
