package org.lesde.sde;

/**
 * What a scheme needs from the Brownian source over one step (docs/theory.md#3-integrators): the
 * increments ΔW only, or also the space–time Lévy area ∫(W(s) − W(t))ds that strong order 1.5
 * schemes for additive noise use.
 */
public enum BrownianNeed {
    /** The increments ΔW ~ N(0, Δ·I). */
    INCREMENTS("increments"),
    /** The increments and the space–time Lévy area. */
    INCREMENTS_AND_SPACE_TIME_AREA("increments and space-time Levy area");

    private final String label;

    BrownianNeed(String label) {
        this.label = label;
    }

    /** The length of the per-step Brownian buffer for m noise components: ΔW, then ΔZ when needed. */
    public int bufferLength(int m) {
        return switch (this) {
            case INCREMENTS -> m;
            case INCREMENTS_AND_SPACE_TIME_AREA -> 2 * m;
        };
    }

    /** How the docs and the help name it. */
    public String label() {
        return label;
    }
}
