package org.lesde.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lesde.BadInputException;
import org.lesde.io.Json;
import org.lesde.io.NumericCsv;
import org.lesde.plot.HeatMap;
import org.lesde.plot.LineChart;
import org.lesde.plot.PlotOptions;

/**
 * The figures of a sweep (or of the merge of its shards), drawn from {@code sweep.json} and
 * {@code sweep.csv} alone: heat maps over the first two axes (other axes at their first value), or
 * a line chart for a one-axis sweep, of the final minimum separability and the final ETF distance.
 * A shard folder holds only some cells: it gets no figure.
 */
public final class SweepPlots {
    /** The base names of the figures a sweep writes, in the order they are written. */
    public static final List<String> FIGURES = List.of("sweep_sep_prob_min", "sweep_etf_distance");

    private SweepPlots() {
    }

    /** Draws every figure of the sweep folder {@code dir} from its files into {@code dir}; returns the files written. */
    public static List<Path> redraw(Path dir, PlotOptions plots) {
        for (String f : List.of("sweep.json", "sweep.csv")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new BadInputException(dir + " is not a sweep output folder (missing " + dir.resolve(f) + ")");
            }
        }
        Object json = Json.read(dir.resolve("sweep.json"), "sweep folder " + dir);
        SweepOutput.Meta meta = SweepOutput.readMeta(json, dir);
        SweepOutput.shardOf(json, dir); // validates the shard entry
        boolean all = json instanceof java.util.Map<?, ?> j && "all".equals(j.get("shard"));
        List<String> rows = rows(dir.resolve("sweep.csv"), meta);
        if (plots.none() || !all) {
            return List.of();
        }
        if (rows.size() != meta.cells()) {
            throw new BadInputException(dir.resolve("sweep.csv") + ": " + rows.size() + " rows, but sweep.json has "
                    + meta.cells() + " cells");
        }
        return draw(dir, meta, rows, plots);
    }

    /** The data rows of sweep.csv as written (cell order), after checking the header against sweep.json. */
    private static List<String> rows(Path csv, SweepOutput.Meta meta) {
        List<String> rows = new ArrayList<>();
        NumericCsv.stream(csv, null, NumericCsv.Options.defaults().withRequiredHeader().withNonFinite().withEmpty(),
                new NumericCsv.Rows() {
                    @Override
                    public void header(List<String> names, NumericCsv.Row line) {
                        if (!names.equals(meta.header())) {
                            throw new BadInputException(csv + ": header does not match sweep.json");
                        }
                    }

                    @Override
                    public void row(NumericCsv.Row row) {
                        rows.add(row.raw());
                    }
                });
        return rows;
    }

    /** Heat maps (two or more axes: the first two, other axes at their first value) or a line chart (one axis). */
    private static List<Path> draw(Path dir, SweepOutput.Meta meta, List<String> rows, PlotOptions plots) {
        List<Path> out = new ArrayList<>();
        int nAxes = meta.keys().size();
        int[] col = {meta.header().indexOf("sep_prob_min"), meta.header().indexOf("etf_distance")};
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
                    y[i] = Double.parseDouble(rows.get(i).split(",")[col[m]]);
                }
                out.addAll(LineChart.titled(meta.name() + ": " + metrics[m][1]).xLabel(meta.keys().get(0)).yLabel(metrics[m][0])
                        .series(metrics[m][0], x, y).write(dir, "sweep_" + metrics[m][0], plots));
            }
            return out;
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
                    v[i][j] = Double.parseDouble(cells[col[m]]);
                }
            }
            HeatMap hm = HeatMap.titled(meta.name() + ": " + metrics[m][1]).xLabel(meta.keys().get(1)).yLabel(meta.keys().get(0))
                    .values(v).labels(rl, cl).showValues("0.00");
            if (m == 0) {
                hm.range(0, 1);
            }
            out.addAll(hm.write(dir, "sweep_" + metrics[m][0], plots));
        }
        return out;
    }

    private static String[] labels(List<Object> vals) {
        String[] s = new String[vals.size()];
        for (int i = 0; i < s.length; i++) {
            Object o = vals.get(i);
            s[i] = o instanceof Double d ? (d == Math.rint(d) && Math.abs(d) < 1e6 ? Long.toString(d.longValue()) : String.format("%.3g", d)) : o.toString();
        }
        return s;
    }
}
