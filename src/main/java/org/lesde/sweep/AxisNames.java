package org.lesde.sweep;

/**
 * Human-readable titles of swept model-file keys (symbol and meaning, docs/model-files.md), for
 * the axes of the sweep figures; a key without a title of its own is spelt out word by word.
 */
final class AxisNames {
    private AxisNames() {
    }

    static String title(String key) {
        return switch (key) {
            case "impact.alpha.powerlaw.r" -> "r, exponent of α(t) − β(t) = c/(1+t)^r";
            case "impact.alpha.powerlaw.c" -> "c, scale of α(t) − β(t) = c/(1+t)^r";
            case "impact.beta.powerlaw.r" -> "r of β(t) = c/(1+t)^r";
            case "impact.beta.powerlaw.c" -> "c of β(t) = c/(1+t)^r";
            case "impact.alpha" -> "α, own-class impact";
            case "impact.beta" -> "β, cross-class impact";
            case "classes" -> "K, number of classes";
            case "dim" -> "p, feature dimension";
            case "noise.sigma" -> "σ, noise scale";
            case "noise.scale" -> "s, noise scale";
            case "stepSize" -> "h, step size (learning rate)";
            case "init.spread" -> "s₀, initial spread";
            case "init.random.scale" -> "scale of the random initial means";
            case "time.horizon" -> "T, horizon";
            case "time.dt" -> "Δt, time step";
            case "simulation.paths" -> "number of SDE paths";
            case "simulation.seed" -> "seed";
            case "closure" -> "closure";
            case "transform" -> "transform";
            default -> words(key);
        };
    }

    /** "noise.sigmas" → "noise sigmas", "simulation.sgd.particles" → "simulation sgd particles". */
    private static String words(String key) {
        return key.replace('.', ' ').replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
