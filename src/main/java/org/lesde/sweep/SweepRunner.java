package org.lesde.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.lesde.BadInputException;
import org.lesde.RunFailedException;
import org.lesde.Shard;
import org.lesde.io.AtomicOutput;
import org.lesde.io.YamlNode;
import org.lesde.model.LeModel;

/**
 * Runs the cells of a sweep (all, or one shard), caching each finished cell's row in a folder
 * next to the destination so that an interrupted sweep resumes without recomputing finished
 * cells. Rows are formatted once, here, and never re-parsed, so a merged set of shards is
 * byte-identical to the unsharded sweep.
 */
public final class SweepRunner {

    /** Evaluates one cell's model. */
    @FunctionalInterface
    public interface CellEvaluator {
        CellResult evaluate(LeModel model, double threshold);
    }

    private SweepRunner() {
    }

    /** The sweep.csv header. */
    public static List<String> header(SweepSpec spec) {
        List<String> h = new ArrayList<>();
        h.add("cell");
        for (SweepSpec.Axis a : spec.axes()) {
            h.add(a.key());
        }
        h.add("seed");
        h.addAll(List.of(CellResult.COLUMNS));
        return h;
    }

    /** One sweep.csv row. */
    public static String row(SweepSpec spec, int cell, CellResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(cell);
        for (YamlNode v : spec.values(cell)) {
            sb.append(',').append(v.isNumber() ? Double.toString(v.asDouble()) : v.scalarText().replace(',', ';'));
        }
        sb.append(',').append(spec.cellSeed(cell));
        for (double d : r.values()) {
            sb.append(',').append(d);
        }
        return sb.toString();
    }

    /** The resume cache folder for a destination. */
    public static Path cacheDir(Path dest, SweepSpec spec) {
        Path d = dest.toAbsolutePath().normalize();
        return d.resolveSibling("." + d.getFileName() + ".cells-" + spec.hash());
    }

    /**
     * Runs (or resumes) the shard's cells and returns their rows in cell order.
     *
     * @param onCell called with the number of finished cells after each one (progress)
     * @param resumed receives the number of cells taken from the cache
     */
    public static List<String> run(SweepSpec spec, Shard shard, Path dest, CellEvaluator evaluator, IntConsumer onCell,
            int[] resumed) {
        Path cache = cacheDir(dest, spec);
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new RunFailedException("cannot create the sweep cache " + cache + ": " + e.getMessage(), e);
        }
        List<String> rows = new ArrayList<>();
        int done = 0;
        for (int c = 0; c < spec.cells(); c++) {
            if (!shard.contains(c)) {
                continue;
            }
            Path f = cache.resolve(String.format("cell-%07d.csv", c));
            String row = null;
            if (Files.exists(f)) {
                try {
                    row = Files.readString(f, StandardCharsets.UTF_8).strip();
                    resumed[0]++;
                } catch (IOException e) {
                    row = null;
                }
            }
            if (row == null || row.isEmpty()) {
                row = row(spec, c, evaluator.evaluate(spec.model(c), spec.threshold()));
                AtomicOutput.writeFile(f, "sweep cache", row + "\n");
            }
            rows.add(row);
            onCell.accept(++done);
        }
        return rows;
    }

    /** Removes the resume cache once the results are safely in place. */
    public static void deleteCache(Path dest, SweepSpec spec) {
        Path cache = cacheDir(dest, spec);
        try (var s = Files.list(cache)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(cache);
        } catch (IOException e) {
            // a leftover cache only costs disk space
        }
    }
}
