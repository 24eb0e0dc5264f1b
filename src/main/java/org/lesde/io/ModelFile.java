package org.lesde.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.model.Closure;
import org.lesde.model.Impact;
import org.lesde.model.Init;
import org.lesde.model.LeModel;
import org.lesde.model.Noise;
import org.lesde.model.Schedule;
import org.lesde.model.SolverKind;
import org.lesde.model.Transform;
import org.lesde.model.TransformKind;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads and validates model files (YAML, see README "Model files"), and writes a resolved model
 * back as a map (for summary.json, re-readable as a model file). Every problem is reported as a
 * one-line {@link BadInputException} naming the field path and the value.
 */
public final class ModelFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Defaults for optional keys. */
    public static final int DEFAULT_OUTPUTS = 200;
    public static final int DEFAULT_PATHS = 1000;
    public static final long DEFAULT_SEED = 1;

    private ModelFile() {
    }

    /** Reads and validates a model file. */
    public static LeModel read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("model file not found: " + file);
        } catch (IOException e) {
            throw new BadInputException("cannot read model file " + file + ": " + e.getMessage());
        }
        String base = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, base, dir, file.toString());
    }

    /**
     * Parses model text.
     *
     * @param defaultName name when the file has none
     * @param dir         folder against which table files are resolved
     * @param source      file name for error messages
     */
    public static LeModel parse(String text, String defaultName, Path dir, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc != null && loc.getLineNr() > 0 ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "";
            String msg = e.getOriginalMessage().replace('\n', ' ').replaceAll("\\s+", " ").trim();
            throw new BadInputException(source + ": malformed YAML" + where + ": " + msg);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new BadInputException(source + ": the model file is empty");
        }
        return fromTree(new YamlNode(root, ""), defaultName, dir);
    }

    /** Validates a parsed model tree (used by sweeps, which edit the tree before validation). */
    public static LeModel fromTree(YamlNode root, String defaultName, Path dir) {
        if (!root.isObject()) {
            throw new BadInputException("the model file must be a mapping of keys (name, classes, impact, ...), got " + root.describe());
        }
        root.requireNoOtherKeys("name", "classes", "dim", "impact", "transform", "noise", "stepSize", "closure", "init",
                "time", "simulation");
        String name = root.has("name") ? root.get("name").asText() : defaultName;
        Require.that(name.matches("[A-Za-z0-9._-]+"), "name must use only letters, digits, '.', '_' and '-', got \"" + name + "\"");
        int k = root.get("classes").asInt();
        Require.atLeast("classes", k, 2);
        int p = root.has("dim") ? root.get("dim").asInt() : k;
        Require.atLeast("dim", p, 1);

        Transform transform = transform(root.get("transform"), k, p);
        if (transform.kind().isResidual()) {
            Require.that(p >= k, "dim must be >= classes (" + k + ") for transform " + transform.kind().key() + ", got " + p);
        }
        Impact impact = impact(root.get("impact"), k, dir);
        Noise noise = noise(root.get("noise"), k, p, dir);
        double h = Require.positive("stepSize", root.get("stepSize").asDouble());
        Closure closure = Closure.MEAN;
        if (root.has("closure")) {
            String c = root.get("closure").asText();
            closure = Closure.byKey(c);
            Require.that(closure != null, "closure must be one of mean, self, ensemble, got \"" + c + "\"");
        }
        Init init = init(root.get("init"), k, p);
        LeModel.Time time = time(root.get("time"));
        LeModel.Simulation sim = simulation(root.opt("simulation"));
        LeModel m = new LeModel(name, k, p, impact, transform, noise, h, closure, init, time, sim);
        checkCombination(m);
        return m;
    }

    /** Cross-field rules shared by the file reader and CLI overrides. */
    public static void checkCombination(LeModel m) {
        LeModel.Time t = m.time();
        org.lesde.sde.TimeGrid.of(t.horizon(), t.dt(), t.outputs());
        LeModel.Simulation s = m.simulation();
        Require.atLeast("simulation.paths", s.paths(), 1);
        Require.atLeast("simulation.threads", s.threads(), 0);
        Require.atLeast("simulation.sgd.particles", s.sgdParticles(), 0);
        if (s.solver() == SolverKind.EXACT) {
            org.lesde.sim.ExactSampler.requireApplicable(m);
        } else {
            org.lesde.sde.Stepper st = org.lesde.sim.Simulation.stepper(s.solver());
            org.lesde.sde.NoiseType nt = new org.lesde.model.LeNoise(m.noise(), m.classes(), m.dim(), m.stepSize()).type();
            if (!st.supports(nt)) {
                throw org.lesde.sde.Stepper.refuse(st, nt);
            }
        }
    }

    static Schedule schedule(YamlNode n, Path dir) {
        if (n.isNumber()) {
            return new Schedule.Constant(n.asDouble());
        }
        if (!n.isObject()) {
            throw new BadInputException(n.path() + " must be a number or one of {powerlaw: {c, r}}, {piecewise: [[t, v], ...]}, {table: file.csv}, got " + n.describe());
        }
        n.requireNoOtherKeys("powerlaw", "piecewise", "table");
        List<String> keys = n.keys();
        Require.that(keys.size() == 1, n.path() + " must have exactly one of powerlaw, piecewise, table, got " + keys);
        if (n.has("powerlaw")) {
            YamlNode pl = n.get("powerlaw");
            pl.requireNoOtherKeys("c", "r");
            return new Schedule.PowerLaw(pl.get("c").asDouble(), pl.get("r").asDouble());
        }
        if (n.has("piecewise")) {
            double[][] rows = n.get("piecewise").asMatrix(-1, 2);
            double[] t = new double[rows.length];
            double[] v = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                t[i] = rows[i][0];
                v[i] = rows[i][1];
                if (i > 0 && !(t[i] > t[i - 1])) {
                    throw new BadInputException(n.path() + ".piecewise times must be strictly increasing, got " + t[i - 1] + " then " + t[i] + " at row " + i);
                }
            }
            return new Schedule.Piecewise(t, v);
        }
        YamlNode tn = n.get("table");
        return TableFile.read(tn.asText(), dir, tn.path());
    }

    static Impact impact(YamlNode n, int k, Path dir) {
        n.requireObject();
        if (n.has("matrix")) {
            n.requireNoOtherKeys("matrix");
            return new Impact.Matrix(n.get("matrix").asMatrix(k, k));
        }
        n.requireNoOtherKeys("alpha", "beta", "matrix");
        return new Impact.TwoLevel(schedule(n.get("alpha"), dir), schedule(n.get("beta"), dir));
    }

    static Transform transform(YamlNode n, int k, int p) {
        if (n.isText()) {
            String s = n.asText();
            TransformKind kind = TransformKind.byKey(s);
            if (kind == null || kind == TransformKind.MATRIX) {
                throw new BadInputException("transform must be one of identity, residual-source, residual-target, residual-outer or {matrix: [[..]]}, got \"" + s + "\"");
            }
            return Transform.of(kind);
        }
        if (!n.isObject()) {
            throw new BadInputException("transform must be a name or {matrix: [[..]]}, got " + n.describe());
        }
        n.requireNoOtherKeys("matrix", "matrices");
        if (n.has("matrix")) {
            Require.that(!n.has("matrices"), "transform takes either matrix (shared) or matrices (per class pair), not both");
            return Transform.shared(n.get("matrix").asMatrix(p, p));
        }
        List<YamlNode> rows = n.get("matrices").elements();
        Require.that(rows.size() == k, "transform.matrices must have " + k + " rows of " + k + " matrices, got " + rows.size());
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
        String type = n.get("type").asText();
        switch (type) {
            case "additive" -> {
                n.requireNoOtherKeys("type", "sigma");
                YamlNode s = n.get("sigma");
                Schedule sigma = schedule(s, dir);
                if (sigma instanceof Schedule.Constant c) {
                    Require.nonNegative("noise.sigma", c.c());
                }
                return new Noise.Additive(sigma);
            }
            case "diagonal" -> {
                n.requireNoOtherKeys("type", "sigmas", "scale");
                double[] s = n.get("sigmas").asDoubleArray();
                Require.that(s.length == p || s.length == k * p,
                        "noise.sigmas must have dim (" + p + ") or classes*dim (" + k * p + ") entries, got " + s.length);
                for (int i = 0; i < s.length; i++) {
                    Require.nonNegative("noise.sigmas[" + i + "]", s[i]);
                }
                double[] full = new double[k * p];
                for (int i = 0; i < full.length; i++) {
                    full[i] = s[s.length == p ? i % p : i];
                }
                return new Noise.Diagonal(full, scale(n, dir));
            }
            case "full" -> {
                n.requireNoOtherKeys("type", "matrix", "scale");
                YamlNode mn = n.get("matrix");
                double[][] m = mn.asMatrix(-1, -1);
                Require.that(m.length == p || m.length == k * p,
                        "noise.matrix must be dim x dim (" + p + ") or (classes*dim) x (classes*dim) (" + k * p + "), got " + m.length + " rows");
                return Noise.Full.of(m, scale(n, dir), "noise.matrix");
            }
            case "proportional" -> {
                n.requireNoOtherKeys("type", "sigma", "centred");
                double s = Require.nonNegative("noise.sigma", n.get("sigma").asDouble());
                boolean centred = n.has("centred") && n.get("centred").asBoolean();
                return new Noise.Proportional(s, centred);
            }
            default -> throw new BadInputException("noise.type must be one of additive, diagonal, full, proportional, got \"" + type + "\"");
        }
    }

    private static Schedule scale(YamlNode n, Path dir) {
        return n.has("scale") ? schedule(n.get("scale"), dir) : new Schedule.Constant(1.0);
    }

    static Init init(YamlNode n, int k, int p) {
        n.requireObject();
        n.requireNoOtherKeys("means", "random", "spread");
        double spread = n.has("spread") ? Require.nonNegative("init.spread", n.get("spread").asDouble()) : 0.0;
        if (n.has("means")) {
            Require.that(!n.has("random"), "init takes either means or random, not both");
            return new Init(n.get("means").asMatrix(k, p), 0, spread);
        }
        if (!n.has("random")) {
            throw new BadInputException("missing required key init.means (or init.random)");
        }
        YamlNode r = n.get("random");
        r.requireNoOtherKeys("scale");
        double scale = Require.positive("init.random.scale", r.get("scale").asDouble());
        return new Init(null, scale, spread);
    }

    static LeModel.Time time(YamlNode n) {
        n.requireNoOtherKeys("horizon", "dt", "outputs");
        double horizon = Require.positive("time.horizon", n.get("horizon").asDouble());
        double dt = Require.positive("time.dt", n.get("dt").asDouble());
        int outputs = n.has("outputs") ? n.get("outputs").asInt() : DEFAULT_OUTPUTS;
        Require.atLeast("time.outputs", outputs, 1);
        return new LeModel.Time(horizon, dt, outputs);
    }

    static LeModel.Simulation simulation(YamlNode n) {
        int paths = DEFAULT_PATHS;
        SolverKind solver = SolverKind.EULER_MARUYAMA;
        long seed = DEFAULT_SEED;
        int threads = 0;
        int particles = 0;
        if (n != null) {
            n.requireNoOtherKeys("paths", "solver", "seed", "threads", "sgd");
            if (n.has("paths")) {
                paths = n.get("paths").asInt();
                Require.atLeast("simulation.paths", paths, 1);
            }
            if (n.has("solver")) {
                solver = solver(n.get("solver").asText(), "simulation.solver");
            }
            if (n.has("seed")) {
                seed = n.get("seed").asLong();
            }
            if (n.has("threads")) {
                threads = n.get("threads").asInt();
                Require.atLeast("simulation.threads", threads, 0);
            }
            if (n.has("sgd")) {
                YamlNode s = n.get("sgd");
                s.requireNoOtherKeys("particles");
                if (s.has("particles")) {
                    particles = s.get("particles").asInt();
                    Require.atLeast("simulation.sgd.particles", particles, 0);
                }
            }
        }
        return new LeModel.Simulation(paths, solver, seed, threads, particles);
    }

    /** Parses a solver name (model file or CLI). */
    public static SolverKind solver(String name, String field) {
        SolverKind s = SolverKind.byKey(name);
        if (s == null) {
            throw new BadInputException(field + " must be one of euler-maruyama, milstein, exact, got \"" + name + "\"");
        }
        return s;
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
        if (noise instanceof Noise.Additive a) {
            nz.put("type", "additive");
            nz.put("sigma", describe(a.sigma()));
        } else if (noise instanceof Noise.Diagonal d) {
            nz.put("type", "diagonal");
            nz.put("sigmas", d.sigmas());
            nz.put("scale", describe(d.scale()));
        } else if (noise instanceof Noise.Full f) {
            nz.put("type", "full");
            nz.put("matrix", f.matrix());
            nz.put("scale", describe(f.scale()));
        } else {
            Noise.Proportional pr = (Noise.Proportional) noise;
            nz.put("type", "proportional");
            nz.put("sigma", pr.sigma());
            nz.put("centred", pr.centred());
        }
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
        sim.put("sgd", Map.of("particles", s.sgdParticles()));
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
        return Map.of("table", ((Schedule.Table) s).source());
    }
}
