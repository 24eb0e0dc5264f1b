package org.lesde.sde;

/** The structure of the diffusion g(t, x) of an SDE; solvers declare which they are valid for. */
public enum NoiseType {
    /** g depends on t only (any matrix): the Milstein correction vanishes. */
    ADDITIVE,
    /** g is diagonal, g_ii depending on x_i only (hence commutative). */
    DIAGONAL,
    /** g is a general state-dependent matrix (non-commutative in general). */
    GENERAL
}
