package org.lesde.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lesde.io.AtomicOutput;
import org.lesde.sweep.SweepOutput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lesde merge SHARD_DIR...}: combines sweep shards into the result of the unsharded sweep. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the shard folders of a sharded sweep into one result.",
            "Combines the output folders of 'lesde sweep --shard i/n' runs into one sweep result, byte for byte "
                + "the unsharded run's. Checks that all shards come from the same sweep and that every cell is "
                + "present. See docs/sweeps.md."})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "Shard output folders.")
    List<Path> shards;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: output/<sweep name>).")
    Path out;

    @Override
    public Integer call() {
        if (out != null) {
            AtomicOutput.checkDestination(out, "--out", AtomicOutput.Kind.SWEEP);
        }
        Map.Entry<SweepOutput.Meta, List<String>> merged = SweepOutput.merge(shards);
        SweepOutput.Meta meta = merged.getKey();
        if (out == null) {
            AtomicOutput.checkName("name (in the shards' sweep.json)", String.valueOf(meta.name()));
        }
        Path dest = AtomicOutput.destination(out, Path.of("output", meta.name()), AtomicOutput.Kind.SWEEP);
        try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.SWEEP)) {
            SweepOutput.write(ao.dir(), meta, "all", merged.getValue());
            ao.commit();
        }
        spec.commandLine().getOut().printf("%s: merged %d shards, %d cells -> %s%n", meta.name(), shards.size(),
                merged.getValue().size(), dest);
        return Main.OK;
    }
}
