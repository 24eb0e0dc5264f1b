package org.lesde.sde;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The solver registry: the one list of the schemes a model file or the command line can ask for.
 * Validation, the CLI help, {@code convergence} and the docs read it. To add a scheme, write its
 * file (a {@link Stepper}, declaring its orders, noise types and Brownian needs) and add one
 * constant here (docs/architecture.md#add-a-solver).
 */
public enum Solver {
    EULER_MARUYAMA(EulerMaruyama.INSTANCE),
    MILSTEIN(Milstein.INSTANCE),
    SRA1(Sra1.INSTANCE),
    EXACT(ExactLaw.INSTANCE);

    private final Scheme scheme;

    Solver(Scheme scheme) {
        this.scheme = scheme;
    }

    /** The name used in model files and on the command line. */
    public String key() {
        return scheme.name();
    }

    /** The declarations (orders, noise types, Brownian needs). */
    public Scheme scheme() {
        return scheme;
    }

    /** The one-step scheme, or empty for a sampler of the exact law. */
    public Optional<Stepper> stepper() {
        return scheme instanceof Stepper s ? Optional.of(s) : Optional.empty();
    }

    /** The solver with this name. */
    public static Optional<Solver> byKey(String key) {
        for (Solver s : values()) {
            if (s.key().equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Every name, in registry order. */
    public static List<String> keys() {
        List<String> l = new ArrayList<>();
        for (Solver s : values()) {
            l.add(s.key());
        }
        return l;
    }

    /** The steppers valid for this noise type, in registry order. */
    public static List<Stepper> steppersFor(NoiseType type) {
        List<Stepper> l = new ArrayList<>();
        for (Solver s : values()) {
            s.stepper().filter(st -> st.supports(type)).ifPresent(l::add);
        }
        return l;
    }

    /** The names of the steppers valid for this noise type, "a or b". */
    public static String steppersText(NoiseType type) {
        List<String> names = new ArrayList<>();
        for (Stepper st : steppersFor(type)) {
            names.add(st.name());
        }
        return String.join(" or ", names);
    }
}
