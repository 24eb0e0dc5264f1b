package org.lesde.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lesde.io.AtomicOutput;
import org.lesde.report.FeatureMetrics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lesde metrics FEATURES [--labels FILE] [--label-column C] [--classifier W] [--bias B] [--logits]
 * [--out FILE.json]}: neural-collapse
 * metrics of features extracted from a real network (the work is {@link FeatureMetrics}).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Compute the neural-collapse metrics of labelled features.",
            "Metrics NC1-NC4, residual alignment and mean cosines.",
            "FEATURES: a CSV (one sample per row, labels 0..K-1 in the column 'label', every class present), "
                + "a NumPy .npy (N x p, labels from --labels) or a .npz (arrays features, labels, optionally W, b).",
            "W: the classifier, K rows x p columns. Without it and with p = K the features are "
                + "taken as logits (NC3 with W = I - 11^T/K, NC4 with argmax of the features). See docs/metrics.md."})
public final class MetricsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FEATURES", description = "Labelled features: .csv, .npy or .npz.")
    Path features;

    @Option(names = "--labels", paramLabel = "LABELS", description = "The labels in a second file: .npy (N integers, "
            + "or whole floats) or a one-column CSV.")
    Path labels;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX", description = "The label column: a CSV header name or "
            + "a 0-based column index (default: the column named 'label'; the first column of a CSV without header).")
    String labelColumn;

    @Option(names = "--classifier", paramLabel = "W", description = "Classifier weights, K rows x p columns: a CSV "
            + "without header or a .npy of shape (K, p).")
    Path classifier;

    @Option(names = "--bias", paramLabel = "B", description = "Classifier bias, K entries (CSV or .npy): NC4 uses "
            + "argmax(W h + b); NC3 uses W.")
    Path bias;

    @Option(names = "--logits", description = "The first K feature coordinates are logits: compute the residual "
            + "alignment even when p != K.")
    boolean logits;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Also write the metrics as JSON (atomically).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) {
            AtomicOutput.checkFile(out, "--out");
        }
        FeatureMetrics.Result r = FeatureMetrics.compute(
                new FeatureMetrics.Inputs(features, labels, labelColumn, classifier, bias, logits));
        PrintWriter o = spec.commandLine().getOut();
        o.print(FeatureMetrics.table(r));
        if (out != null) {
            FeatureMetrics.writeJson(out, "--out", r);
            o.println("wrote " + out);
        }
        o.flush();
        return Main.OK;
    }
}
