package org.lesde.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lesde.BadInputException;
import org.lesde.Shard;
import org.lesde.io.AtomicOutput;
import org.lesde.io.Json;
import org.lesde.io.NumericCsv;
import org.lesde.io.Provenance;
import org.lesde.io.YamlNode;
import org.lesde.plot.PlotOptions;
import org.lesde.sim.RunClock;
import org.lesde.sim.RunTimings;

/**
 * sweep.csv / sweep.json of a sweep or a shard, and the merge of shards (figures: {@link SweepPlots}). sweep.json
 * holds the sweep's identity (hash), axes and the shard, so {@code lesde merge} can check that
 * shards belong together and are complete.
 */
public final class SweepOutput {
    private SweepOutput() {
    }

    /** The sweep's description written to sweep.json (no timings: merged output equals unsharded). */
    public record Meta(String name, String hash, long seed, double threshold, int cells, List<String> keys,
            List<List<Object>> values, List<String> header, Phase phase) {

        static Meta of(SweepSpec spec) {
            List<String> keys = new ArrayList<>();
            List<List<Object>> values = new ArrayList<>();
            for (SweepSpec.Axis a : spec.axes()) {
                keys.add(a.key());
                List<Object> v = new ArrayList<>();
                for (YamlNode n : a.values()) {
                    v.add(n.isNumber() ? (Object) n.asDouble() : n.scalarText());
                }
                values.add(v);
            }
            return new Meta(spec.name(), spec.hash(), spec.seed(), spec.threshold(), spec.cells(), keys, values,
                    SweepRunner.header(spec), Phase.of(spec));
        }
    }

    /**
     * The log t threshold of a power-law sweep (docs/theory.md 5.1): when every cell has
     * α(t) − β(t) = c/(1+t)^r (α a power law, β = 0), the same K, and c is an axis, then at r = 1
     * the classes separate iff c > K/2. Recorded in sweep.json so that the heat maps can mark it
     * from the files alone; {@code r} is the fixed exponent when r is not an axis (else NaN).
     */
    public record Phase(int classes, double cThreshold, double r) {
        static Phase of(SweepSpec spec) {
            boolean cAxis = false;
            boolean rAxis = false;
            for (SweepSpec.Axis a : spec.axes()) {
                switch (a.key()) {
                    case "impact.alpha.powerlaw.c" -> cAxis = true;
                    case "impact.alpha.powerlaw.r" -> rAxis = true;
                    default -> {
                        if (a.key().equals("classes") || a.key().startsWith("impact")) {
                            return null; // K or the impact's form may change from cell to cell
                        }
                    }
                }
            }
            if (!cAxis) {
                return null;
            }
            org.lesde.model.LeModel m = spec.model(0);
            if (m.impact() instanceof org.lesde.model.Impact.TwoLevel tl
                    && tl.alpha() instanceof org.lesde.model.Schedule.PowerLaw pl
                    && tl.beta() instanceof org.lesde.model.Schedule.Constant b && b.c() == 0.0) {
                return new Phase(m.classes(), m.classes() / 2.0, rAxis ? Double.NaN : pl.r());
            }
            return null;
        }

        Map<String, Object> toJson() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("rule", "alpha - beta = c/(1+t)^r; at r = 1 the classes separate iff c > K/2 (docs/theory.md 5.1)");
            j.put("classes", classes);
            j.put("c_threshold", cThreshold);
            if (!Double.isNaN(r)) {
                j.put("r", r);
            }
            return j;
        }

        static Phase fromJson(Object o) {
            if (!(o instanceof Map<?, ?> j)) {
                return null;
            }
            Object r = j.get("r");
            return new Phase(((Number) j.get("classes")).intValue(), ((Number) j.get("c_threshold")).doubleValue(),
                    r instanceof Number x ? x.doubleValue() : Double.NaN);
        }
    }

    public static Meta meta(SweepSpec spec) {
        return Meta.of(spec);
    }

    /**
     * Writes sweep.csv, sweep.json (lap {@code write} of the clock) and, for a whole sweep, its
     * figures drawn from those files by {@link SweepPlots#redraw} on {@code threads} threads (lap {@code plot}), then
     * sweep.json again with the clock's {@code timings}; returns them.
     */
    public static RunTimings write(Path dir, Meta meta, String shard, List<String> rows, RunClock clock, PlotOptions plots,
            int threads) {
        StringBuilder csv = new StringBuilder(String.join(",", meta.header())).append('\n');
        for (String r : rows) {
            csv.append(r).append('\n');
        }
        AtomicOutput.writeText(dir.resolve("sweep.csv"), csv);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("name", meta.name());
        j.put("hash", meta.hash());
        j.put("seed", meta.seed());
        j.put("threshold", meta.threshold());
        j.put("cells", meta.cells());
        j.put("shard", shard);
        j.put("rows", rows.size());
        j.put("keys", meta.keys());
        j.put("values", meta.values());
        j.put("columns", meta.header());
        if (meta.phase() != null) {
            j.put("phase", meta.phase().toJson());
        }
        // the same block for a sweep and for the merge of its shards: merged output equals unsharded
        Map<String, Object> json = Provenance.into(j, "sweep");
        Json.write(dir.resolve("sweep.json"), json);
        clock.lap(RunClock.Phase.WRITE);
        if ("all".equals(shard)) {
            SweepPlots.redraw(dir, plots, threads);
        }
        clock.lap(RunClock.Phase.PLOT);
        RunTimings timings = clock.timings();
        json.put("timings", timings.toJson());
        Json.write(dir.resolve("sweep.json"), json);
        return timings;
    }

    /**
     * Reads shard folders, checks they form one complete sweep — the same sweep, each shard i/n
     * once and none missing, every row a cell of the sweep and of its shard, no cell twice — and
     * returns (meta, rows in cell order).
     */
    public static Map.Entry<Meta, List<String>> merge(List<Path> shardDirs) {
        Meta meta = null;
        Path firstDir = null;
        TreeMap<Integer, String> rows = new TreeMap<>();
        Map<Integer, Path> rowFrom = new TreeMap<>();
        TreeMap<Integer, Path> shards = new TreeMap<>();
        int count = -1;
        Shard firstShard = null;
        for (Path d : shardDirs) {
            for (String f : List.of("sweep.json", "sweep.csv")) {
                if (!Files.exists(d.resolve(f))) {
                    throw new BadInputException(d + " is not a sweep output folder (missing " + d.resolve(f) + ")");
                }
            }
            Object json = Json.read(d.resolve("sweep.json"), "shard " + d);
            Meta m = readMeta(json, d);
            Shard shard = shardOf(json, d);
            if (meta == null) {
                meta = m;
                firstDir = d;
                count = shard.count();
                firstShard = shard;
            } else if (!meta.hash().equals(m.hash())) {
                throw new BadInputException(d + " belongs to a different sweep (hash " + m.hash() + ", expected " + meta.hash() + ")");
            }
            if (shard.count() != count) {
                throw new BadInputException(d + " is shard " + shard + " but " + firstDir + " is shard " + firstShard + ": all shards of one sweep have the same n");
            }
            Path prev = shards.put(shard.index(), d);
            if (prev != null) {
                throw new BadInputException(d + " repeats shard " + shard + " (also " + prev + ")");
            }
            final Meta mm = m;
            Path csv = d.resolve("sweep.csv");
            // rows are passed on verbatim (never re-formatted), so the merge is byte-identical to the unsharded sweep
            NumericCsv.stream(csv, null, NumericCsv.Options.defaults().withRequiredHeader().withNonFinite().withEmpty(),
                    new NumericCsv.Rows() {
                        @Override
                        public void header(List<String> names, NumericCsv.Row line) {
                            if (!names.equals(mm.header())) {
                                throw new BadInputException(csv + ": header does not match sweep.json");
                            }
                        }

                        @Override
                        public void row(NumericCsv.Row row) {
                            int cell = row.integer(0);
                            if (cell < 0 || cell >= mm.cells()) {
                                throw new BadInputException(csv + ": a row for cell " + cell + ", but the sweep has cells 0.."
                                        + (mm.cells() - 1));
                            }
                            if (!shard.contains(cell)) {
                                throw new BadInputException(csv + ": cell " + cell + " is not a cell of shard " + shard);
                            }
                            if (rows.put(cell, row.raw()) != null) {
                                throw new BadInputException(csv + ": cell " + cell + " appears twice (also in "
                                        + rowFrom.get(cell).resolve("sweep.csv") + ")");
                            }
                            rowFrom.put(cell, d);
                        }
                    });
        }
        if (meta == null) {
            throw new BadInputException("merge needs at least one shard folder");
        }
        List<String> absent = new ArrayList<>();
        for (int i = 0; i < count && absent.size() < 10; i++) {
            if (!shards.containsKey(i)) {
                absent.add(i + "/" + count);
            }
        }
        if (!absent.isEmpty()) {
            throw new BadInputException("shard " + String.join(", ", absent) + (absent.size() == 10 ? " ..." : "") + " of sweep "
                    + meta.name() + " is missing (" + shardDirs.size() + " of " + count + " shard folders given)");
        }
        List<Integer> missing = new ArrayList<>();
        for (int c = 0; c < meta.cells() && missing.size() < 10; c++) {
            if (!rows.containsKey(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException("the shards do not cover the sweep: missing cells " + missing
                    + (missing.size() == 10 ? " ..." : "") + " of " + meta.cells());
        }
        return Map.entry(meta, new ArrayList<>(rows.values()));
    }

    /** The shard a sweep.json records ("all" is shard 0/1). */
    static Shard shardOf(Object json, Path d) {
        Object s = json instanceof Map<?, ?> j ? j.get("shard") : null;
        if ("all".equals(s)) {
            return Shard.ALL;
        }
        if (s instanceof String text) {
            return Shard.parse(text, d.resolve("sweep.json") + ": shard");
        }
        throw new BadInputException(d.resolve("sweep.json") + " is not a lesde sweep.json (no shard)");
    }

    /** The sweep description a sweep.json holds (read by the merge and by {@link SweepPlots}). */
    static Meta readMeta(Object json, Path d) {
        try {
            Map<?, ?> j = (Map<?, ?>) json;
            List<String> keys = new ArrayList<>();
            ((List<?>) j.get("keys")).forEach(k -> keys.add(String.valueOf(k)));
            List<List<Object>> values = new ArrayList<>();
            for (Object a : (List<?>) j.get("values")) {
                List<Object> v = new ArrayList<>();
                ((List<?>) a).forEach(n -> v.add(n instanceof Number x ? (Object) x.doubleValue() : String.valueOf(n)));
                values.add(v);
            }
            List<String> header = new ArrayList<>();
            ((List<?>) j.get("columns")).forEach(c -> header.add(String.valueOf(c)));
            return new Meta((String) j.get("name"), (String) j.get("hash"), ((Number) j.get("seed")).longValue(),
                    ((Number) j.get("threshold")).doubleValue(), ((Number) j.get("cells")).intValue(), keys, values, header,
                    Phase.fromJson(j.get("phase")));
        } catch (RuntimeException e) {
            throw new BadInputException(d.resolve("sweep.json") + " is not a lesde sweep.json");
        }
    }
}
