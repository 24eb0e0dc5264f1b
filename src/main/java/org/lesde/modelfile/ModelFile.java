package org.lesde.modelfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.io.AtomicOutput;
import org.lesde.io.YamlNode;
import org.lesde.io.YamlTree;
import org.lesde.model.Closure;
import org.lesde.model.Impact;
import org.lesde.model.Init;
import org.lesde.model.LeModel;
import org.lesde.model.ModelRules;
import org.lesde.model.Noise;
import org.lesde.model.NoiseKind;
import org.lesde.model.Schedule;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;
import org.lesde.sde.Solver;

/**
 * Reads and validates model files (YAML, see README "Model files"), and writes a resolved model
 * back as a map (for summary.json, re-readable as a model file). Every problem is reported as a
 * one-line {@link BadInputException} naming the field path and the value.
 */
public final class ModelFile {
    /** Defaults for optional keys. */
    public static final int DEFAULT_OUTPUTS = 200;
    public static final int DEFAULT_PATHS = 1000;
    public static final long DEFAULT_SEED = 1;
    /** Upper limit of simulation.sgd.repeats (each repeat is a full LE-SGD run). */
    public static final int MAX_SGD_REPEATS = 1000;

    private ModelFile() {
    }

    /** Reads and validates a model file (or the {@code model} object of a run's summary.json). */
    public static LeModel read(Path file) {
        YamlNode root = YamlTree.readDocument(file, "model file");
        String base = file.getFileName() == null ? "model" : file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        Path dir = file.toAbsolutePath().getParent();
        return fromDocument(root, base, dir, file.toString());
    }

    /**
     * Parses model text. A run's summary.json (an object with {@code lesde_version} and
     * {@code model}) is accepted too: its {@code model} object is read, so a run can be repeated
     * from its summary.
     *
     * @param defaultName name when the file has none (sanitised to letters, digits, '.', '_', '-')
     * @param dir         folder against which table files are resolved
     * @param source      file name for error messages
     */
    public static LeModel parse(String text, String defaultName, Path dir, String source) {
        return fromDocument(YamlTree.parseDocument(text, source), defaultName, dir, source);
    }

    /** A parsed model file or summary.json (null: an empty document), validated. */
    private static LeModel fromDocument(YamlNode root, String defaultName, Path dir, String source) {
        if (root == null) {
            throw new BadInputException(source + ": the model file is empty");
        }
        YamlNode top = root;
        if (root.isObject() && root.has("lesde_version") && root.has("model")) {
            top = top.get("model");
        }
        return fromTree(top, defaultName, dir);
    }

    /** Validates a parsed model tree (used by sweeps, which edit the tree before validation). */
    public static LeModel fromTree(YamlNode root, String defaultName, Path dir) {
        if (!root.isObject()) {
            throw new BadInputException((root.path().isEmpty() ? "the model file" : root.path())
                    + " must be a mapping of keys (name, classes, impact, ...), got " + root.describe());
        }
        root.requireNoOtherKeys("name", "classes", "dim", "impact", "transform", "noise", "stepSize", "closure", "init",
                "time", "simulation");
        String name;
        if (root.has("name")) {
            YamlNode nn = root.get("name");
            name = nn.isNumber() ? nn.scalarText() : nn.asText();
            AtomicOutput.checkName(nn.path(), name);
        } else {
            name = defaultName(defaultName);
            AtomicOutput.checkName((root.path().isEmpty() ? "" : root.path() + ".") + "name (from the file name; add a name: key)", name);
        }
        YamlNode kn = root.get("classes");
        int k = kn.asInt();
        Require.atLeast(kn.path(), k, 2);
        int p = k;
        if (root.has("dim")) {
            YamlNode pn = root.get("dim");
            p = pn.asInt();
            Require.atLeast(pn.path(), p, 1);
        }
        ModelRules.checkSize(k, p);

        Transform transform = transform(root.get("transform"), k, p);
        if (transform.kind().isResidual()) {
            Require.that(p >= k, (root.path().isEmpty() ? "" : root.path() + ".") + "dim must be >= classes (" + k + ") for transform "
                    + transform.kind().key() + ", got " + p);
        }
        Impact impact = impact(root.get("impact"), k, dir);
        requireNoiseWithinRange(root.get("noise"));
        Noise noise = noise(root.get("noise"), k, p, dir);
        YamlNode hn = root.get("stepSize");
        double h = Require.positive(hn.path(), hn.asDouble());
        Closure closure = Closure.MEAN;
        if (root.has("closure")) {
            YamlNode cn = root.get("closure");
            String c = cn.asText();
            closure = Closure.byKey(c);
            if (closure == null) {
                throw oneOf(cn.path(), c, Closure.keys().toArray(new String[0]));
            }
        }
        Init init = init(root.get("init"), k, p);
        LeModel.Time time = time(root.get("time"));
        LeModel.Simulation sim = simulation(root.opt("simulation"));
        LeModel m = new LeModel(name, k, p, impact, transform, noise, h, closure, init, time, sim);
        checkCombination(m);
        return m;
    }

    /**
     * Largest magnitude of a number written in {@code noise}: the covariance of the diffusion
     * sums squares of these entries over the dimensions, which for entries near 1e300 overflows
     * to infinity (a run of infinities, not an error) — so they are refused.
     */
    public static final double NOISE_MAX = 1e150;

    private static void requireNoiseWithinRange(YamlNode n) {
        if (n.isObject()) {
            for (String key : n.keys()) {
                requireNoiseWithinRange(n.get(key));
            }
        } else if (n.isArray()) {
            for (YamlNode e : n.elements()) {
                requireNoiseWithinRange(e);
            }
        } else if (n.isNumber()) {
            double v = n.asDouble(); // non-finite: refused here, as the noise reader would
            Require.that(Math.abs(v) <= NOISE_MAX, n.path() + " must be at most " + NOISE_MAX + " in magnitude (the noise"
                    + " covariance, a sum of squares of such entries, would overflow), got " + v);
        }
    }

    /** A file base name made into a valid model name. */
    public static String defaultName(String base) {
        String n = base == null ? "" : base.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.+", "");
        return n.isEmpty() || n.matches("\\.+") ? "model" : n;
    }

    /** Cross-field rules (see {@link ModelRules#checkCombination(LeModel, ModelRules.Fields)}). */
    public static void checkCombination(LeModel m) {
        ModelRules.checkCombination(m);
    }

    /** "field must be one of a, b, c, got "x"" with the closest option as a suggestion. */
    static BadInputException oneOf(String field, String got, String... options) {
        String hint = YamlNode.closest(got, new java.util.LinkedHashSet<>(List.of(options)));
        return new BadInputException(field + " must be one of " + String.join(", ", options) + ", got " + Require.quoted(got)
                + (hint != null ? " (did you mean " + hint + "?)" : ""));
    }

    static Schedule schedule(YamlNode n, Path dir) {
        return schedule(n, dir, false);
    }

    /**
     * A schedule. With {@code nonNegative} (noise levels σ(t) and scales s(t)) every value the
     * schedule can take must be >= 0: σ enters the covariance squared, so a negative σ is not
     * wrong mathematically, but it is almost surely a typo, and lesde refuses it everywhere
     * (constant, power-law coefficient c, every piecewise and table value).
     */
    static Schedule schedule(YamlNode n, Path dir, boolean nonNegative) {
        if (n.isNumber() || n.isNonFiniteText()) {
            double c = n.asDouble();
            if (nonNegative) {
                Require.nonNegative(n.path(), c);
            }
            return new Schedule.Constant(c);
        }
        if (!n.isObject()) {
            throw new BadInputException(n.path() + " must be a number or one of {powerlaw: {c, r}}, {piecewise: [[t, v], ...]}, "
                    + "{table: file.csv} or {table: [[t, v], ...]}, got " + n.describe());
        }
        n.requireNoOtherKeys("powerlaw", "piecewise", "table");
        List<String> keys = n.keys();
        Require.that(keys.size() == 1, n.path() + " must have exactly one of powerlaw, piecewise, table, got " + keys);
        if (n.has("powerlaw")) {
            YamlNode pl = n.get("powerlaw");
            pl.requireObject();
            pl.requireNoOtherKeys("c", "r");
            YamlNode cn = pl.get("c");
            double c = cn.asDouble();
            if (nonNegative) {
                Require.nonNegative(cn.path(), c);
            }
            return new Schedule.PowerLaw(c, pl.get("r").asDouble());
        }
        if (n.has("piecewise")) {
            YamlNode pn = n.get("piecewise");
            double[][] rows = knots(pn, nonNegative);
            return new Schedule.Piecewise(column(rows, 0), column(rows, 1));
        }
        YamlNode tn = n.get("table");
        if (tn.isArray()) {
            double[][] rows = knots(tn, nonNegative);
            return new Schedule.Table(column(rows, 0), column(rows, 1), "inline");
        }
        if (!tn.isText()) {
            throw new BadInputException(tn.path() + " must be a CSV file name or a list of [t, value] rows, got " + tn.describe());
        }
        return TableFile.read(tn.asText(), dir, tn.path(), nonNegative);
    }

    /** [[t, v], ...] rows: at least one, times strictly increasing, values >= 0 if asked. */
    private static double[][] knots(YamlNode n, boolean nonNegative) {
        double[][] rows = n.asMatrix(-1, 2);
        for (int i = 0; i < rows.length; i++) {
            if (i > 0 && !(rows[i][0] > rows[i - 1][0])) {
                throw new BadInputException(n.path() + "[" + i + "][0] must be > " + rows[i - 1][0]
                        + " (times strictly increasing), got " + rows[i][0]);
            }
            if (nonNegative) {
                Require.nonNegative(n.path() + "[" + i + "][1]", rows[i][1]);
            }
        }
        return rows;
    }

    private static double[] column(double[][] rows, int c) {
        double[] v = new double[rows.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows[i][c];
        }
        return v;
    }

    static Impact impact(YamlNode n, int k, Path dir) {
        n.requireObject();
        if (n.has("matrix")) {
            Require.that(!n.has("alpha") && !n.has("beta"), n.path() + " takes either alpha and beta, or matrix, not both");
            n.requireNoOtherKeys("matrix");
            return new Impact.Matrix(n.get("matrix").asMatrix(k, k));
        }
        n.requireNoOtherKeys("alpha", "beta", "matrix");
        return new Impact.TwoLevel(schedule(n.get("alpha"), dir), schedule(n.get("beta"), dir));
    }

    static Transform transform(YamlNode n, int k, int p) {
        if (n.isText()) {
            String s = n.asText();
            TransformKind kind = TransformKind.byKey(s).filter(TransformKind::isNamed).orElseThrow(() -> new BadInputException(
                    oneOf(n.path(), s, TransformKind.namedKeys().toArray(new String[0])).getMessage() + "; or {matrix: [[..]]}"));
            return Transform.of(kind);
        }
        if (!n.isObject()) {
            throw new BadInputException(n.path() + " must be a name or {matrix: [[..]]}, got " + n.describe());
        }
        n.requireNoOtherKeys("matrix", "matrices");
        if (n.has("matrix")) {
            Require.that(!n.has("matrices"), n.path() + " takes either matrix (shared) or matrices (per class pair), not both");
            return Transform.shared(n.get("matrix").asMatrix(p, p));
        }
        YamlNode mn = n.get("matrices");
        List<YamlNode> rows = mn.elements();
        Require.that(rows.size() == k, mn.path() + " must have " + k + " rows of " + k + " matrices, got " + rows.size());
        double[][][] ms = new double[k * k][][];
        for (int i = 0; i < k; i++) {
            List<YamlNode> row = rows.get(i).elements();
            Require.that(row.size() == k, rows.get(i).path() + " must have " + k + " matrices, got " + row.size());
            for (int j = 0; j < k; j++) {
                ms[i * k + j] = row.get(j).asMatrix(p, p);
            }
        }
        return new Transform(TransformKind.MATRIX, ms);
    }

    static Noise noise(YamlNode n, int k, int p, Path dir) {
        n.requireObject();
        YamlNode tn = n.get("type");
        String type = tn.asText();
        NoiseKind kind = NoiseKind.byKey(type).orElseThrow(() -> oneOf(tn.path(), type, NoiseKind.keys().toArray(new String[0])));
        return switch (kind) {
            case ADDITIVE -> {
                n.requireNoOtherKeys("type", "sigma");
                yield new Noise.Additive(schedule(n.get("sigma"), dir, true));
            }
            case DIAGONAL -> {
                n.requireNoOtherKeys("type", "sigmas", "scale");
                YamlNode sn = n.get("sigmas");
                double[] s = sn.asDoubleArray();
                Require.that(s.length == p || s.length == k * p,
                        sn.path() + " must have dim (" + p + ") or classes*dim (" + k * p + ") entries, got " + s.length);
                for (int i = 0; i < s.length; i++) {
                    Require.nonNegative(sn.path() + "[" + i + "]", s[i]);
                }
                double[] full = new double[k * p];
                for (int i = 0; i < full.length; i++) {
                    full[i] = s[s.length == p ? i % p : i];
                }
                yield new Noise.Diagonal(full, scale(n, dir));
            }
            case FULL -> {
                n.requireNoOtherKeys("type", "matrix", "scale");
                YamlNode mn = n.get("matrix");
                double[][] m = mn.asMatrix(-1, -1);
                Require.that(m.length == p || m.length == k * p,
                        mn.path() + " must be dim x dim (" + p + ") or (classes*dim) x (classes*dim) (" + k * p + "), got "
                                + m.length + " rows");
                yield Noise.Full.of(m, scale(n, dir), mn.path());
            }
            case PROPORTIONAL -> {
                n.requireNoOtherKeys("type", "sigma", "centred");
                YamlNode sn = n.get("sigma");
                double s = Require.nonNegative(sn.path(), sn.asDouble());
                boolean centred = n.has("centred") && n.get("centred").asBoolean();
                yield new Noise.Proportional(s, centred);
            }
        };
    }

    private static Schedule scale(YamlNode n, Path dir) {
        return n.has("scale") ? schedule(n.get("scale"), dir, true) : new Schedule.Constant(1.0);
    }

    static Init init(YamlNode n, int k, int p) {
        n.requireObject();
        n.requireNoOtherKeys("means", "random", "spread");
        double spread = 0.0;
        if (n.has("spread")) {
            YamlNode sn = n.get("spread");
            spread = Require.nonNegative(sn.path(), sn.asDouble());
        }
        if (n.has("means")) {
            Require.that(!n.has("random"), n.path() + " takes either means or random, not both");
            return new Init(n.get("means").asMatrix(k, p), 0, spread);
        }
        if (!n.has("random")) {
            throw new BadInputException("missing required key " + n.path() + ".means (or " + n.path() + ".random)");
        }
        YamlNode r = n.get("random");
        r.requireObject();
        r.requireNoOtherKeys("scale");
        YamlNode sc = r.get("scale");
        double scale = Require.positive(sc.path(), sc.asDouble());
        return new Init(null, scale, spread);
    }

    static LeModel.Time time(YamlNode n) {
        n.requireObject();
        n.requireNoOtherKeys("horizon", "dt", "outputs");
        YamlNode hn = n.get("horizon");
        double horizon = Require.positive(hn.path(), hn.asDouble());
        YamlNode dn = n.get("dt");
        double dt = Require.positive(dn.path(), dn.asDouble());
        // without the key: the default, or one row per step when there are fewer steps
        double steps = Math.rint(horizon / dt);
        int outputs = steps >= 1 && steps < DEFAULT_OUTPUTS ? (int) steps : DEFAULT_OUTPUTS;
        if (n.has("outputs")) {
            YamlNode on = n.get("outputs");
            outputs = on.asInt();
            Require.atLeast(on.path(), outputs, 1);
        }
        return new LeModel.Time(horizon, dt, outputs);
    }

    static LeModel.Simulation simulation(YamlNode n) {
        int paths = DEFAULT_PATHS;
        Solver solver = Solver.EULER_MARUYAMA;
        long seed = DEFAULT_SEED;
        int threads = 0;
        int particles = 0;
        int repeats = 1;
        List<Double> quantiles = null;
        if (n != null) {
            n.requireObject();
            n.requireNoOtherKeys("paths", "solver", "seed", "threads", "sgd", "quantiles");
            if (n.has("quantiles")) {
                quantiles = quantileLevels(n.get("quantiles"));
            }
            if (n.has("paths")) {
                YamlNode pn = n.get("paths");
                paths = pn.asInt();
                Require.atLeast(pn.path(), paths, 1);
            }
            if (n.has("solver")) {
                YamlNode sn = n.get("solver");
                solver = solver(sn.asText(), sn.path());
            }
            if (n.has("seed")) {
                seed = n.get("seed").asLong();
            }
            if (n.has("threads")) {
                YamlNode tn = n.get("threads");
                threads = tn.asInt();
                Require.atLeast(tn.path(), threads, 0);
                Require.that(threads <= ModelRules.MAX_THREADS, tn.path() + " must be <= " + ModelRules.MAX_THREADS + ", got " + threads);
            }
            if (n.has("sgd")) {
                YamlNode s = n.get("sgd");
                s.requireObject();
                s.requireNoOtherKeys("particles", "repeats");
                if (s.has("particles")) {
                    YamlNode pn = s.get("particles");
                    particles = pn.asInt();
                    Require.atLeast(pn.path(), particles, 0);
                }
                if (s.has("repeats")) {
                    YamlNode rn = s.get("repeats");
                    repeats = rn.asInt();
                    Require.atLeast(rn.path(), repeats, 1);
                    Require.that(repeats <= MAX_SGD_REPEATS, rn.path() + " must be <= " + MAX_SGD_REPEATS + ", got " + repeats);
                }
            }
        }
        return new LeModel.Simulation(paths, solver, seed, threads, particles, repeats, quantiles);
    }

    /** simulation.quantiles: a list of distinct levels in (0, 1), increasing; [] disables the output. */
    static List<Double> quantileLevels(YamlNode q) {
        List<Double> levels = new ArrayList<>();
        double last = 0;
        for (YamlNode e : q.elements()) {
            double v = e.asDouble();
            Require.that(v > 0 && v < 1, e.path() + " must be in (0, 1), got " + v);
            Require.that(v > last, e.path() + " must be greater than the level before it, got " + v);
            levels.add(v);
            last = v;
        }
        return levels;
    }

    /** Parses a solver name (model file or CLI). */
    public static Solver solver(String name, String field) {
        return Solver.byKey(name).orElseThrow(() -> oneOf(field, name, Solver.keys().toArray(new String[0])));
    }

    /** A map of the given key, value pairs in order. */
    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The resolved model as a map, re-readable as a model file (for summary.json). */
    public static Map<String, Object> describe(LeModel m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("classes", m.classes());
        out.put("dim", m.dim());
        Map<String, Object> imp = new LinkedHashMap<>();
        if (m.impact() instanceof Impact.TwoLevel tl) {
            imp.put("alpha", describe(tl.alpha()));
            imp.put("beta", describe(tl.beta()));
        } else {
            imp.put("matrix", ((Impact.Matrix) m.impact()).e());
        }
        out.put("impact", imp);
        Transform t = m.transform();
        if (t.kind() != TransformKind.MATRIX) {
            out.put("transform", t.kind().key());
        } else if (t.isShared()) {
            out.put("transform", Map.of("matrix", t.matrices()[0]));
        } else {
            List<List<double[][]>> rows = new ArrayList<>();
            for (int i = 0; i < m.classes(); i++) {
                List<double[][]> row = new ArrayList<>();
                for (int j = 0; j < m.classes(); j++) {
                    row.add(t.matrix(i, j, m.classes()));
                }
                rows.add(row);
            }
            out.put("transform", Map.of("matrices", rows));
        }
        Map<String, Object> nz = new LinkedHashMap<>();
        Noise noise = m.noise();
        nz.put("type", noise.kind().key());
        nz.putAll(switch (noise.kind()) {
            case ADDITIVE -> ordered("sigma", describe(((Noise.Additive) noise).sigma()));
            case DIAGONAL -> {
                Noise.Diagonal d = (Noise.Diagonal) noise;
                yield ordered("sigmas", d.sigmas(), "scale", describe(d.scale()));
            }
            case FULL -> {
                Noise.Full f = (Noise.Full) noise;
                yield ordered("matrix", f.matrix(), "scale", describe(f.scale()));
            }
            case PROPORTIONAL -> {
                Noise.Proportional pr = (Noise.Proportional) noise;
                yield ordered("sigma", pr.sigma(), "centred", pr.centred());
            }
        });
        out.put("noise", nz);
        out.put("stepSize", m.stepSize());
        out.put("closure", m.closure().key());
        Map<String, Object> init = new LinkedHashMap<>();
        if (m.init().isRandom()) {
            init.put("random", Map.of("scale", m.init().randomScale()));
        } else {
            init.put("means", m.init().means());
        }
        init.put("spread", m.init().spread());
        out.put("init", init);
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("horizon", m.time().horizon());
        time.put("dt", m.time().dt());
        time.put("outputs", m.time().outputs());
        out.put("time", time);
        Map<String, Object> sim = new LinkedHashMap<>();
        LeModel.Simulation s = m.simulation();
        sim.put("paths", s.paths());
        sim.put("solver", s.solver().key());
        sim.put("seed", s.seed());
        sim.put("threads", s.threads());
        // repeats only when not the default, so that summaries of one-realisation runs stay as they were
        sim.put("sgd", s.sgdRepeats() == 1 ? Map.of("particles", s.sgdParticles())
                : ordered("particles", s.sgdParticles(), "repeats", s.sgdRepeats()));
        if (s.quantiles() != null) {
            sim.put("quantiles", s.quantiles());
        }
        out.put("simulation", sim);
        return out;
    }

    static Object describe(Schedule s) {
        if (s instanceof Schedule.Constant c) {
            return c.c();
        }
        if (s instanceof Schedule.PowerLaw p) {
            Map<String, Object> pl = new LinkedHashMap<>();
            pl.put("c", p.c());
            pl.put("r", p.r());
            return Map.of("powerlaw", pl);
        }
        if (s instanceof Schedule.Piecewise pw) {
            double[][] rows = new double[pw.times().length][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new double[] {pw.times()[i], pw.values()[i]};
            }
            return Map.of("piecewise", rows);
        }
        // tables are written inline, so the resolved model does not depend on the CSV file
        Schedule.Table tb = (Schedule.Table) s;
        double[][] rows = new double[tb.times().length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {tb.times()[i], tb.values()[i]};
        }
        return Map.of("table", rows);
    }
}
