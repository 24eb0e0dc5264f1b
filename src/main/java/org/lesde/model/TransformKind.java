package org.lesde.model;

/**
 * The transformation H_kk' in block (k, k') = E_kk'·H_kk' of A(t) (SPEC §1). With
 * u_k = r_k/||r_k||, r_k = e_k − (1/K)·1 in the first K coordinates and P_k = u_k u_kᵀ:
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

    public boolean isResidual() {
        return this == RESIDUAL_SOURCE || this == RESIDUAL_TARGET || this == RESIDUAL_OUTER;
    }

    /** The kind with the given model-file name, or null. */
    public static TransformKind byKey(String key) {
        for (TransformKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
