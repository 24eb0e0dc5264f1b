package org.lesde.model;

/** What X̄ in the LE-SDE drift (1/K)·A(t)·X̄ stands for (docs/theory.md#2-the-three-dynamics). */
public enum Closure {
    /** X̄ = the LE-ODE class means (deterministic): additive, un-amplified noise. Default. */
    MEAN("mean"),
    /** X̄ = the path's own state: a linear Ornstein–Uhlenbeck-type SDE. */
    SELF("self"),
    /** X̄ = the average of the simulated paths at each step: an interacting particle system. */
    ENSEMBLE("ensemble");

    private final String key;

    Closure(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * True when the LE-SDE with state-independent noise has a Gaussian law known in advance, which
     * the exact sampler draws (docs/theory.md#34-the-exact-sampler): the mean closure (drift a
     * function of time) and the self closure (drift linear in the path); not the ensemble closure
     * (paths interact).
     */
    public boolean hasExactLaw() {
        return switch (this) {
            case MEAN, SELF -> true;
            case ENSEMBLE -> false;
        };
    }

    /** Every model-file name, in order. */
    public static java.util.List<String> keys() {
        java.util.List<String> l = new java.util.ArrayList<>();
        for (Closure c : values()) {
            l.add(c.key);
        }
        return l;
    }

    public static Closure byKey(String key) {
        for (Closure c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }
}
