package org.lesde.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.RunFailedException;
import org.lesde.check.ConvergencePlots;
import org.lesde.fit.FitPlots;
import org.lesde.io.AtomicOutput;
import org.lesde.plot.FigureBatch;
import org.lesde.plot.PlotFormat;
import org.lesde.plot.PlotOptions;
import org.lesde.sweep.SweepPlots;

/**
 * The figures of each kind of output folder ({@link AtomicOutput.Kind}, the one list of kinds,
 * read from the folder's {@link AtomicOutput#MARKER}): which figures it can hold and the function
 * that redraws them from the folder's CSV and JSON files alone — what {@code lesde plot DIR} runs.
 * Every switch over the kind is exhaustive: a new kind of output does not compile until it says
 * how its figures are redrawn.
 */
public final class OutputFigures {
    /** Prefix of the hidden staging folder a redraw draws into before moving the figures into place. */
    static final String STAGING_PREFIX = ".lesde-plot-";

    private OutputFigures() {
    }

    /**
     * The base names of every figure a folder of {@code kind} can hold ({@code {c}}, {@code {problem}}:
     * one figure per class or problem); empty for a kind that writes no figure.
     */
    public static List<String> names(AtomicOutput.Kind kind) {
        return switch (kind) {
            case SIMULATE -> SimulationPlots.names(3); // K = 3 adds etf_plane to the figures of every K
            case FIT -> FitPlots.FIGURES;
            case SWEEP -> SweepPlots.FIGURES;
            case CONVERGENCE -> ConvergencePlots.FIGURES;
            case CHECK -> List.of();
        };
    }

    /**
     * Why a folder of {@code kind} holds no figure (null when it does): {@code check} writes a
     * pass/fail table whose numbers (errors against tolerances of unrelated scales) a chart would
     * not make clearer than check.txt does.
     */
    public static String whyNone(AtomicOutput.Kind kind) {
        return switch (kind) {
            case SIMULATE, FIT, SWEEP, CONVERGENCE -> null;
            case CHECK -> "check writes no figure (its results are the table check.txt and check.json)";
        };
    }

    /**
     * Draws every figure of the {@code kind} folder {@code dir} from its files into {@code dir}, the
     * figures in parallel on {@code threads} threads (the same files for any count); returns the files.
     */
    static List<Path> draw(AtomicOutput.Kind kind, Path dir, PlotOptions options, int threads) {
        return switch (kind) {
            case SIMULATE -> SimulationPlots.redraw(dir, options, threads, FigureBatch.Progress.NONE);
            case FIT -> FitPlots.redraw(dir, options, threads);
            case SWEEP -> SweepPlots.redraw(dir, options, threads);
            case CONVERGENCE -> ConvergencePlots.redraw(dir, options, threads);
            case CHECK -> List.of();
        };
    }

    /**
     * The kind of the output folder {@code dir} as its marker records it; a missing folder, a file,
     * a folder without marker or with an unknown kind is one line of bad input naming it.
     */
    public static AtomicOutput.Kind kindOf(Path dir, String field) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.exists(dir)) {
            throw new BadInputException(field + " " + Require.quoted(dir.toString()) + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(field + " " + Require.quoted(dir.toString()) + " is not a folder");
        }
        Path marker = dir.resolve(AtomicOutput.MARKER);
        if (!Files.isRegularFile(marker)) {
            throw new BadInputException(field + " " + Require.quoted(dir.toString()) + " is not a lesde output folder (no "
                    + AtomicOutput.MARKER + " in it)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(field + ": cannot read " + marker + " (" + e.getMessage() + ")");
        }
        for (String line : lines) {
            if (line.startsWith("kind: ")) {
                String key = line.substring(6).trim();
                AtomicOutput.Kind k = AtomicOutput.Kind.byKey(key);
                if (k == null) {
                    throw new BadInputException(field + " " + Require.quoted(dir.toString()) + ": " + marker
                            + " records the unknown kind " + Require.quoted(key) + " (known: " + keys() + ")");
                }
                return k;
            }
        }
        throw new BadInputException(field + " " + Require.quoted(dir.toString()) + ": " + marker
                + " records no kind (no 'kind:' line; a folder written by an older lesde: rerun the command)");
    }

    private static String keys() {
        StringBuilder b = new StringBuilder();
        for (AtomicOutput.Kind k : AtomicOutput.Kind.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(k.key());
        }
        return b.toString();
    }

    /**
     * Redraws every figure of the finished output folder {@code dir} of {@code kind} from its files,
     * safely: the figures are drawn into a hidden staging copy of the folder (its data files
     * hard-linked, or copied where links are not supported; figure files left out), and only when
     * every figure is drawn is each moved into {@code dir} by an atomic rename. A bad or missing data
     * file therefore leaves {@code dir} as it was; figure files of formats not requested are kept.
     * The figures are drawn in parallel on {@code threads} threads (the same files for any count).
     *
     * @return the figure files now in {@code dir}, in the order drawn
     */
    public static List<Path> redraw(AtomicOutput.Kind kind, Path dir, PlotOptions options, int threads) {
        if (kind == AtomicOutput.Kind.SIMULATE && Files.isRegularFile(dir.resolve(EnsembleShards.MANIFEST))) {
            throw new BadInputException(dir + " is a simulate shard (" + EnsembleShards.MANIFEST + "): it holds no figure; "
                    + "merge the shards (lesde merge), then plot the merged folder");
        }
        if (whyNone(kind) != null || options.none()) {
            // still read the files, so that a corrupt folder is reported as one
            draw(kind, dir, PlotOptions.NONE, threads);
            return List.of();
        }
        Path staging = dir.resolve(STAGING_PREFIX + UUID.randomUUID().toString().substring(0, 8));
        try {
            stage(dir, staging);
            List<Path> drawn;
            try {
                drawn = draw(kind, staging, options, threads);
            } catch (BadInputException e) {
                // name the folder given, not the staging copy
                String msg = String.valueOf(e.getMessage()).replace(staging.toString(), dir.toString());
                throw new BadInputException(msg.contains(dir.toString()) ? msg : dir + ": " + msg);
            }
            List<Path> out = new ArrayList<>();
            for (Path f : drawn) {
                Path target = dir.resolve(staging.relativize(f).toString());
                move(f, target);
                out.add(target);
            }
            return out;
        } catch (IOException e) {
            throw new RunFailedException("cannot redraw the figures of " + dir + ": " + e.getMessage(), e);
        } finally {
            delete(staging);
        }
    }

    private static boolean isFigure(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        for (PlotFormat p : PlotFormat.values()) {
            if (n.endsWith("." + p.key())) {
                return true;
            }
        }
        return false;
    }

    /** The data files of {@code dir} (not its figures, not a staging folder) under {@code staging}, linked or copied. */
    private static void stage(Path dir, Path staging) throws IOException {
        Files.createDirectory(staging);
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.filter(p -> !p.equals(dir) && !dir.relativize(p).toString().startsWith(STAGING_PREFIX)).toList();
        }
        for (Path p : all) {
            Path to = staging.resolve(dir.relativize(p).toString());
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(to);
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !isFigure(p)) {
                // a figure is never linked: drawing it would then write through the link into dir
                try {
                    Files.createLink(to, p);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover hidden staging folder holds only links and copies
        }
    }
}
