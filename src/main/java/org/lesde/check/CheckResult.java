package org.lesde.check;

import java.util.LinkedHashMap;
import java.util.Map;

import org.lesde.io.Json;

/**
 * One line of {@code lesde check}: what was compared, how ({@code closed-form} or
 * {@code numerical-reference}), the maximum absolute and relative errors, the tolerance and
 * which of the measured quantities it bounds ({@code metric}: max_abs_err, max_rel_err or max_z
 * for Monte Carlo z-scores), and the verdict.
 */
public record CheckResult(String name, String method, double maxAbsErr, double maxRelErr, double tolerance,
        String metric, double value, boolean pass, String detail) {

    public static final String CLOSED_FORM = "closed-form";
    public static final String NUMERICAL = "numerical-reference";

    /** A result whose verdict is value <= tolerance (NaN fails). */
    static CheckResult of(String name, String method, double maxAbs, double maxRel, double tolerance, String metric,
            double value, String detail) {
        return new CheckResult(name, method, maxAbs, maxRel, tolerance, metric, value, value <= tolerance, detail);
    }

    /** The check.json entry. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("method", method);
        m.put("max_abs_err", Json.finiteOrNull(maxAbsErr));
        m.put("max_rel_err", Json.finiteOrNull(maxRelErr));
        m.put("tolerance", Json.finiteOrNull(tolerance));
        m.put("metric", metric);
        m.put("value", Json.finiteOrNull(value));
        m.put("pass", pass);
        m.put("detail", detail);
        return m;
    }
}
