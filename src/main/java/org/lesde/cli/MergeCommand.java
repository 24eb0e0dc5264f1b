package org.lesde.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lesde.BadInputException;
import org.lesde.io.AtomicOutput;
import org.lesde.plot.FigureBatch;
import org.lesde.plot.PlotOptions;
import org.lesde.report.EnsembleShards;
import org.lesde.sim.EnsembleRunner;
import org.lesde.sim.RunClock;
import org.lesde.sim.RunTimings;
import org.lesde.sweep.SweepOutput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lesde merge SHARD_DIR...}: combines sweep shards or simulate shards into the result of the unsharded run. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the shard folders of a sharded sweep or simulation into one result.",
            "Combines the output folders of 'lesde sweep --shard i/n' runs, or of 'lesde simulate --shard i/n' runs, into "
                + "one result, byte for byte the unsharded run's. Checks that all shards come from the same sweep (or the "
                + "same model, seed and lesde version), that none is missing and none repeated, and draws the result's figures "
                + "(--plots chooses the formats). See docs/sweeps.md."})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "Shard output folders (all of one kind).")
    List<Path> shards;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: output/<sweep or model name>).")
    Path out;

    @Mixin
    PlotMixin plotMixin;

    /** The figure options, read before any shard. */
    private PlotOptions plots;

    /** The kinds of shard folder merge knows, each recognised by the file that only it holds. */
    enum Kind {
        SWEEP("sweep.json", "sweep shard (lesde sweep --shard)"),
        SIMULATE(EnsembleShards.MANIFEST, "simulate shard (lesde simulate --shard)");

        final String file;
        final String description;

        Kind(String file, String description) {
            this.file = file;
            this.description = description;
        }

        /** The kind of a shard folder (one-line error naming the folder when it is none). */
        static Kind of(Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new BadInputException("SHARD_DIR " + dir + " is not a folder");
            }
            List<String> files = new ArrayList<>();
            for (Kind k : values()) {
                if (Files.isRegularFile(dir.resolve(k.file))) {
                    return k;
                }
                files.add(k.file);
            }
            throw new BadInputException("SHARD_DIR " + dir + " is not a shard folder (it holds none of " + String.join(", ", files)
                    + ")");
        }
    }

    @Override
    public Integer call() {
        plots = plotMixin.options();
        if (out != null) {
            // before any shard is read: merge writes a sweep or a simulate result, so --out may hold
            // only one of those (the kind of the shards is checked against it once they are read)
            AtomicOutput.checkDestination(out, "--out", holdsSimulateResult(out) ? AtomicOutput.Kind.SIMULATE
                    : AtomicOutput.Kind.SWEEP);
        }
        Kind kind = null;
        Path first = null;
        for (Path d : shards) {
            Kind k = Kind.of(d);
            if (kind == null) {
                kind = k;
                first = d;
            } else if (k != kind) {
                throw new BadInputException("SHARD_DIR " + d + " is a " + k.description + " but " + first + " is a "
                        + kind.description + ": merge one kind at a time");
            }
        }
        if (out != null) {
            AtomicOutput.checkDestination(out, "--out",
                    kind == Kind.SWEEP ? AtomicOutput.Kind.SWEEP : AtomicOutput.Kind.SIMULATE);
        }
        return switch (kind) {
            case SWEEP -> mergeSweep();
            case SIMULATE -> mergeSimulation();
        };
    }

    private static boolean holdsSimulateResult(Path dir) {
        Path marker = dir.resolve(".lesde-output");
        try {
            return java.nio.file.Files.isRegularFile(marker)
                    && java.nio.file.Files.readString(marker).lines().anyMatch(l -> l.strip().equals("kind: simulate"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private int mergeSweep() {
        RunClock clock = RunClock.start();
        Map.Entry<SweepOutput.Meta, List<String>> merged = SweepOutput.merge(shards);
        SweepOutput.Meta meta = merged.getKey();
        if (out == null) {
            AtomicOutput.checkName("name (in the shards' sweep.json)", String.valueOf(meta.name()));
        }
        Path dest = AtomicOutput.destination(out, Path.of("output", meta.name()), AtomicOutput.Kind.SWEEP);
        try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.SWEEP)) {
            clock.lap(RunClock.Phase.ODE); // reading and checking the shards
            SweepOutput.write(ao.dir(), meta, "all", merged.getValue(), clock, plots, EnsembleRunner.threads(0));
            ao.commit();
        }
        spec.commandLine().getOut().printf("%s: merged %d shards, %d cells -> %s%n", meta.name(), shards.size(),
                merged.getValue().size(), dest);
        return Main.OK;
    }

    private int mergeSimulation() {
        RunClock clock = RunClock.start();
        EnsembleShards.Checked checked = EnsembleShards.check(shards);
        Path dest = destination(checked.model().name());
        List<String> command = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.SIMULATE)) {
            clock.lap(RunClock.Phase.ODE);
            EnsembleShards.Merged merged = EnsembleShards.merge(checked);
            clock.lapRun(merged.result().timings());
            RunTimings timings = SimulateCommand.writeResult(merged.result(), ao, command, null, plots, clock,
                    FigureBatch.Progress.NONE, FigureBatch.warmUp(PlotOptions.NONE, 1));
            ao.commit();
            spec.commandLine().getOut().printf("%s: merged %d shards, %d paths in %s -> %s%n", checked.model().name(),
                    merged.shards(), checked.model().simulation().paths(), timings.console(), dest);
        }
        return Main.OK;
    }

    private Path destination(String name) {
        if (out == null) {
            AtomicOutput.checkName("name (in the shards' model)", name);
        }
        Path dest = AtomicOutput.destination(out, Path.of("output", name), AtomicOutput.Kind.SIMULATE);
        Path d = dest.toAbsolutePath().normalize();
        for (Path s : shards) {
            Path sd = s.toAbsolutePath().normalize();
            if (sd.startsWith(d) || d.startsWith(sd)) {
                throw new BadInputException((out != null ? "--out" : "--out (default)") + " " + dest + " is or holds the shard folder " + s
                        + " (or lies inside it); the result replaces the whole folder, so choose a folder of its own");
            }
        }
        return dest;
    }
}
