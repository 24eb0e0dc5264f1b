package org.lesde.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transformation H_kk' in block (k, k') = E_kk'·H_kk' of A(t) (docs/theory.md#1-model-and-notation).
 * With u_k = r_k/||r_k||, r_k = e_k − (1/K)·1 in the first K coordinates and P_k = u_k u_kᵀ.
 * Code that treats the kinds differently (the structured product in {@link LeOperator}, the
 * spectra and closed forms, the model-file reader) switches over this enum with exhaustive
 * {@code switch} expressions, no {@code default}: the compiler lists every place a new kind needs
 * (docs/architecture.md#add-a-transform-kind).
 */
public enum TransformKind {
    /** H_kk' = I_p. */
    IDENTITY("identity"),
    /** H_kk' = P_k' (the official code's choice): class k moves along r_k'. */
    RESIDUAL_SOURCE("residual-source"),
    /** H_kk' = P_k: class k always moves along r_k. */
    RESIDUAL_TARGET("residual-target"),
    /** H_kk' = u_k u_k'ᵀ. */
    RESIDUAL_OUTER("residual-outer"),
    /** User-given p×p matrices (one shared, or one per (k, k')). */
    MATRIX("matrix");

    private final String key;

    TransformKind(String key) {
        this.key = key;
    }

    /** The name used in model files. */
    public String key() {
        return key;
    }

    /** True for the residual projections, which need dim >= classes. */
    public boolean isResidual() {
        return switch (this) {
            case IDENTITY, MATRIX -> false;
            case RESIDUAL_SOURCE, RESIDUAL_TARGET, RESIDUAL_OUTER -> true;
        };
    }

    /** True when a model file names the kind ({@code transform: NAME}); matrices are given as data. */
    public boolean isNamed() {
        return switch (this) {
            case IDENTITY, RESIDUAL_SOURCE, RESIDUAL_TARGET, RESIDUAL_OUTER -> true;
            case MATRIX -> false;
        };
    }

    /** The kind with the given model-file name. */
    public static Optional<TransformKind> byKey(String key) {
        for (TransformKind k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The names a model file can give ({@code transform: NAME}), in order. */
    public static List<String> namedKeys() {
        List<String> l = new ArrayList<>();
        for (TransformKind k : values()) {
            if (k.isNamed()) {
                l.add(k.key);
            }
        }
        return l;
    }
}
