package org.lesde.model;

/** What X̄ in the LE-SDE drift (1/K)·A(t)·X̄ stands for (SPEC §2). */
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

    public static Closure byKey(String key) {
        for (Closure c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }
}
