package org.lesde.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lesde.BadInputException;
import org.lesde.RunFailedException;
import org.lesde.io.Json;
import org.lesde.plot.HeatMap;
import org.lesde.plot.LineChart;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * sweep.csv / sweep.json / heat maps of a sweep or a shard, and the merge of shards. sweep.json
 * holds the sweep's identity (hash), axes and the shard, so {@code lesde merge} can check that
 * shards belong together and are complete.
 */
public final class SweepOutput {
    private SweepOutput() {
    }

    /** The sweep's description written to sweep.json (no timings: merged output equals unsharded). */
    public record Meta(String name, String hash, long seed, double threshold, int cells, List<String> keys,
            List<List<Object>> values, List<String> header) {

        static Meta of(SweepSpec spec) {
            List<String> keys = new ArrayList<>();
            List<List<Object>> values = new ArrayList<>();
            for (SweepSpec.Axis a : spec.axes()) {
                keys.add(a.key());
                List<Object> v = new ArrayList<>();
                for (JsonNode n : a.values()) {
                    v.add(n.isNumber() ? (Object) n.doubleValue() : n.asText());
                }
                values.add(v);
            }
            return new Meta(spec.name(), spec.hash(), spec.seed(), spec.threshold(), spec.cells(), keys, values,
                    SweepRunner.header(spec));
        }
    }

    public static Meta meta(SweepSpec spec) {
        return Meta.of(spec);
    }

    /** Writes sweep.csv, sweep.json and the plots for the given rows (in cell order). */
    public static void write(Path dir, Meta meta, String shard, List<String> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", meta.header())).append('\n');
        for (String r : rows) {
            csv.append(r).append('\n');
        }
        try {
            Files.writeString(dir.resolve("sweep.csv"), csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFailedException("cannot write sweep.csv: " + e.getMessage(), e);
        }
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
        Json.write(dir.resolve("sweep.json"), j);
        if ("all".equals(shard)) {
            plots(dir, meta, rows);
        }
    }

    /** Heat maps (two or more axes: the first two, other axes at their first value) or a line chart (one axis). */
    static void plots(Path dir, Meta meta, List<String> rows) {
        int nAxes = meta.keys().size();
        int metricCol = 1 + nAxes + 1;
        String[][] metrics = {{"sep_prob_min", "final separability (min over class pairs)"},
            {"etf_distance", "final ETF distance"}};
        if (nAxes == 1) {
            List<Object> vals = meta.values().get(0);
            double[] x = new double[vals.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = vals.get(i) instanceof Double d ? d : i;
            }
            for (int m = 0; m < metrics.length; m++) {
                double[] y = new double[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    y[i] = Double.parseDouble(rows.get(i).split(",")[metricCol + (m == 0 ? 0 : 2)]);
                }
                LineChart.titled(meta.name() + ": " + metrics[m][1]).xLabel(meta.keys().get(0)).yLabel(metrics[m][0])
                        .series(metrics[m][0], x, y).write(dir, "sweep_" + metrics[m][0]);
            }
            return;
        }
        int nr = meta.values().get(0).size();
        int nc = meta.values().get(1).size();
        int stride = 1;
        for (int a = 2; a < nAxes; a++) {
            stride *= meta.values().get(a).size();
        }
        String[] rl = labels(meta.values().get(0));
        String[] cl = labels(meta.values().get(1));
        for (int m = 0; m < metrics.length; m++) {
            double[][] v = new double[nr][nc];
            for (int i = 0; i < nr; i++) {
                for (int j = 0; j < nc; j++) {
                    String[] cells = rows.get((i * nc + j) * stride).split(",");
                    v[i][j] = Double.parseDouble(cells[metricCol + (m == 0 ? 0 : 2)]);
                }
            }
            HeatMap hm = HeatMap.titled(meta.name() + ": " + metrics[m][1]).xLabel(meta.keys().get(1)).yLabel(meta.keys().get(0))
                    .values(v).labels(rl, cl).showValues("0.00");
            if (m == 0) {
                hm.range(0, 1);
            }
            hm.write(dir, "sweep_" + metrics[m][0]);
        }
    }

    private static String[] labels(List<Object> vals) {
        String[] s = new String[vals.size()];
        for (int i = 0; i < s.length; i++) {
            Object o = vals.get(i);
            s[i] = o instanceof Double d ? (d == Math.rint(d) && Math.abs(d) < 1e6 ? Long.toString(d.longValue()) : String.format("%.3g", d)) : o.toString();
        }
        return s;
    }

    /** Reads shard folders, checks they form one complete sweep, and returns (meta, rows in cell order). */
    public static Map.Entry<Meta, List<String>> merge(List<Path> shardDirs) {
        Meta meta = null;
        TreeMap<Integer, String> rows = new TreeMap<>();
        for (Path d : shardDirs) {
            JsonNode j;
            List<String> lines;
            try {
                j = Json.mapper().readTree(d.resolve("sweep.json").toFile());
                lines = Files.readAllLines(d.resolve("sweep.csv"), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new BadInputException(d + " is not a sweep output folder (missing " + e.getFile() + ")");
            } catch (IOException e) {
                throw new BadInputException("cannot read shard " + d + ": " + e.getMessage());
            }
            Meta m = readMeta(j, d);
            if (meta == null) {
                meta = m;
            } else if (!meta.hash().equals(m.hash())) {
                throw new BadInputException(d + " belongs to a different sweep (hash " + m.hash() + ", expected " + meta.hash() + ")");
            }
            if (lines.isEmpty() || !lines.get(0).equals(String.join(",", m.header()))) {
                throw new BadInputException(d.resolve("sweep.csv") + ": header does not match sweep.json");
            }
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                int cell;
                try {
                    cell = Integer.parseInt(line.substring(0, line.indexOf(',')));
                } catch (RuntimeException e) {
                    throw new BadInputException(d.resolve("sweep.csv") + " line " + (i + 1) + ": no cell index");
                }
                String prev = rows.put(cell, line);
                if (prev != null && !prev.equals(line)) {
                    throw new BadInputException("cell " + cell + " appears in two shards with different results");
                }
            }
        }
        if (meta == null) {
            throw new BadInputException("merge needs at least one shard folder");
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

    private static Meta readMeta(JsonNode j, Path d) {
        try {
            List<String> keys = new ArrayList<>();
            j.get("keys").forEach(k -> keys.add(k.asText()));
            List<List<Object>> values = new ArrayList<>();
            for (JsonNode a : j.get("values")) {
                List<Object> v = new ArrayList<>();
                a.forEach(n -> v.add(n.isNumber() ? (Object) n.doubleValue() : n.asText()));
                values.add(v);
            }
            List<String> header = new ArrayList<>();
            j.get("columns").forEach(c -> header.add(c.asText()));
            return new Meta(j.get("name").asText(), j.get("hash").asText(), j.get("seed").asLong(),
                    j.get("threshold").asDouble(), j.get("cells").asInt(), keys, values, header);
        } catch (RuntimeException e) {
            throw new BadInputException(d.resolve("sweep.json") + " is not a lesde sweep.json");
        }
    }
}
