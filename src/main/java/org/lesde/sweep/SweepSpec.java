package org.lesde.sweep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.io.AtomicOutput;
import org.lesde.io.YamlNode;
import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.random.Streams;

/**
 * A parameter sweep: a base model (a model file, or inline), optional fixed overrides, and a
 * grid of axes, each a dotted key into the model file (e.g. {@code impact.alpha.powerlaw.r},
 * {@code classes}, {@code noise.sigma}) with a list of values. Cells are the cartesian product,
 * the first axis varying slowest; cell c runs with master seed
 * {@code Streams.of(seed).child(SWEEP).derivedSeed(c)}, so any subset of cells (a shard) gives
 * the same numbers as the full sweep.
 *
 * <pre>
 * name: sweep-phase
 * base: default.yaml                 # relative to the sweep file (or model: {...} inline)
 * seed: 7                            # master seed (default: the base model's simulation.seed)
 * set: {simulation.paths: 200}       # fixed overrides (optional)
 * threshold: 0.99                    # separability level for the first-passage time column
 * grid:
 *   - {key: impact.alpha.powerlaw.r, values: [0.5, 1.0, 1.5]}
 *   - {key: impact.alpha.powerlaw.c, range: {from: 0.5, to: 4.0, count: 8}}
 * </pre>
 */
public final class SweepSpec {
    /** One grid axis. */
    public record Axis(String key, List<YamlNode> values) {
    }

    private final String name;
    private final YamlNode base;
    private final Path dir;
    private final long seed;
    private final double threshold;
    private final List<Axis> axes;
    private final String hash;

    private SweepSpec(String name, YamlNode base, Path dir, long seed, double threshold, List<Axis> axes) {
        this.name = name;
        this.base = base;
        this.dir = dir;
        this.seed = seed;
        this.threshold = threshold;
        this.axes = axes;
        this.hash = computeHash();
    }

    /** The most cells a sweep may have (each is a simulation; more would not fit a results file). */
    public static final int MAX_CELLS = 10_000_000;

    public static SweepSpec read(Path file) {
        YamlNode r = YamlNode.read(file, "sweep file");
        if (!r.isObject()) {
            throw new BadInputException(file + ": a sweep file must be a mapping (name, base, grid, ...)");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path modelDir = dir;
        r.requireNoOtherKeys("name", "base", "model", "seed", "set", "threshold", "grid");
        String name = r.has("name") ? r.get("name").asText()
                : ModelFile.defaultName(file.getFileName().toString().replaceFirst("\\.(ya?ml)$", ""));
        AtomicOutput.checkName(r.has("name") ? "name" : "name (from the file name; add a name: key)", name);
        YamlNode base;
        if (r.has("base")) {
            Require.that(!r.has("model"), "a sweep takes either base (a model file) or model (inline), not both");
            Path bf = dir.resolve(r.get("base").asText());
            modelDir = bf.getParent();
            try {
                base = YamlNode.read(bf, "model file");
            } catch (BadInputException e) {
                throw new BadInputException("base: " + e.getMessage(), e);
            }
            if (!base.isObject()) {
                throw new BadInputException("base: " + bf + " is not a model file (a mapping)");
            }
        } else {
            base = r.get("model").requireObject().copy();
        }
        if (r.has("set")) {
            YamlNode set = r.get("set").requireObject();
            for (String key : set.keys()) {
                base.set(key, set.get(key), "set." + key);
            }
        }
        long seed;
        if (r.has("seed")) {
            seed = r.get("seed").asLong();
        } else {
            Long s = base.wholeNumberAt("simulation.seed");
            seed = s != null ? s : ModelFile.DEFAULT_SEED;
        }
        double threshold = r.has("threshold") ? r.get("threshold").asDouble() : 0.99;
        Require.that(threshold > 0 && threshold < 1, "threshold must be in (0, 1), got " + threshold);
        List<Axis> axes = new ArrayList<>();
        List<YamlNode> grid = r.get("grid").elements();
        Require.that(!grid.isEmpty(), "grid must have at least one axis");
        for (YamlNode a : grid) {
            a.requireNoOtherKeys("key", "values", "range");
            String key = a.get("key").asText();
            Require.that(key.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*"),
                    a.path() + ".key must be a dotted model-file key like impact.alpha, got \"" + key + "\"");
            List<YamlNode> values = new ArrayList<>();
            if (a.has("values")) {
                Require.that(!a.has("range"), a.path() + " takes values or range, not both");
                for (YamlNode v : a.get("values").elements()) {
                    if (v.isNumber()) {
                        v.asDouble(); // finite
                    }
                    values.add(v);
                }
            } else {
                YamlNode rg = a.get("range");
                rg.requireNoOtherKeys("from", "to", "count");
                double from = rg.get("from").asDouble();
                double to = rg.get("to").asDouble();
                YamlNode cn = rg.get("count");
                int count = cn.asInt();
                Require.atLeast(cn.path(), count, 1);
                Require.that(count <= MAX_CELLS, cn.path() + " must be <= " + MAX_CELLS + " (the most cells a sweep may have), got " + count);
                for (int i = 0; i < count; i++) {
                    double v = count == 1 ? from : from + (to - from) * i / (count - 1);
                    values.add(YamlNode.number(v));
                }
            }
            Require.that(!values.isEmpty(), a.path() + " has no values");
            for (Axis other : axes) {
                Require.that(!other.key().equals(key), "grid has the key " + key + " twice");
            }
            axes.add(new Axis(key, values));
        }
        SweepSpec spec = new SweepSpec(name, base, modelDir, seed, threshold, axes);
        for (int c = 0; c < spec.cells(); c++) {
            spec.model(c); // validate every cell before any work starts
        }
        return spec;
    }

    public String name() {
        return name;
    }

    public List<Axis> axes() {
        return axes;
    }

    public long seed() {
        return seed;
    }

    public double threshold() {
        return threshold;
    }

    /** Content hash of the sweep definition (base after overrides, grid, seed, threshold). */
    public String hash() {
        return hash;
    }

    /** Number of cells. */
    public int cells() {
        long n = 1;
        for (Axis a : axes) {
            n *= a.values().size();
        }
        Require.that(n <= MAX_CELLS, "the grid has " + n + " cells: too many (at most " + MAX_CELLS + ")");
        return (int) n;
    }

    /** Index of each axis for cell c (first axis slowest). */
    public int[] coordinates(int cell) {
        int[] idx = new int[axes.size()];
        int rest = cell;
        for (int a = axes.size() - 1; a >= 0; a--) {
            int n = axes.get(a).values().size();
            idx[a] = rest % n;
            rest /= n;
        }
        return idx;
    }

    /** The axis values of cell c. */
    public List<YamlNode> values(int cell) {
        int[] idx = coordinates(cell);
        List<YamlNode> v = new ArrayList<>();
        for (int a = 0; a < idx.length; a++) {
            v.add(axes.get(a).values().get(idx[a]));
        }
        return v;
    }

    /** The master seed of cell c. */
    public long cellSeed(int cell) {
        return Streams.of(seed).child(Streams.SWEEP).derivedSeed(cell);
    }

    /** The validated model of cell c (its seed set to the cell seed). */
    public LeModel model(int cell) {
        YamlNode tree = base.copy();
        List<YamlNode> v = values(cell);
        for (int a = 0; a < axes.size(); a++) {
            tree.set(axes.get(a).key(), v.get(a), "grid[" + a + "]");
        }
        tree.set("simulation.seed", YamlNode.number(cellSeed(cell)), "simulation.seed");
        tree.set("name", "cell" + cell); // within the name rule whatever the sweep's name
        try {
            return ModelFile.fromTree(tree, name, dir);
        } catch (BadInputException e) {
            throw new BadInputException("sweep cell " + cell + " (" + describe(cell) + "): " + e.getMessage(), e);
        }
    }

    /** "key=value, key=value" for cell c. */
    public String describe(int cell) {
        List<YamlNode> v = values(cell);
        List<String> parts = new ArrayList<>();
        for (int a = 0; a < axes.size(); a++) {
            parts.add(axes.get(a).key() + "=" + v.get(a).toJson());
        }
        return String.join(", ", parts);
    }

    private String computeHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder();
            sb.append(base.toJson()).append('|').append(seed).append('|').append(threshold);
            for (Axis a : axes) {
                List<String> values = new ArrayList<>();
                for (YamlNode v : a.values()) {
                    values.add(v.toJson());
                }
                sb.append('|').append(a.key()).append("=[").append(String.join(",", values)).append(']');
            }
            byte[] d = md.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
