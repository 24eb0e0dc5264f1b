package org.lesde.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lesde.sde.NoiseType;

/**
 * The noise kinds a model file can name (docs/theory.md#1-model-and-notation), each with the SDE
 * noise type it makes. Code that treats the kinds differently switches over this enum with
 * exhaustive {@code switch} expressions (no {@code default}), so the compiler lists every place a
 * new kind needs.
 */
public enum NoiseKind {
    /** Σ(t) = σ(t)²·I. */
    ADDITIVE("additive", NoiseType.ADDITIVE),
    /** Σ(t) = s(t)²·diag(σ²). */
    DIAGONAL("diagonal", NoiseType.ADDITIVE),
    /** Σ(t) = s(t)²·Σ₀, Σ₀ symmetric PSD. */
    FULL("full", NoiseType.ADDITIVE),
    /** g_i(x) = sqrt(h)·σ·x_i (or centred on X̄): diagonal multiplicative noise. */
    PROPORTIONAL("proportional", NoiseType.DIAGONAL);

    private final String key;
    private final NoiseType type;

    NoiseKind(String key, NoiseType type) {
        this.key = key;
        this.type = type;
    }

    /** The name used in model files ({@code noise.type}). */
    public String key() {
        return key;
    }

    /** The SDE noise type (what the solvers are validated against). */
    public NoiseType type() {
        return type;
    }

    public static Optional<NoiseKind> byKey(String key) {
        for (NoiseKind k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public static List<String> keys() {
        List<String> l = new ArrayList<>();
        for (NoiseKind k : values()) {
            l.add(k.key);
        }
        return l;
    }
}
