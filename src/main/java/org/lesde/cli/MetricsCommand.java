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
 * {@code lesde metrics FEATURES.csv [--classifier W.csv] [--out FILE.json]}: neural-collapse
 * metrics of features extracted from a real network (the work is {@link FeatureMetrics}).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Compute the neural-collapse metrics of labelled features.",
            "Metrics NC1-NC4, residual alignment and mean cosines.",
            "FEATURES.csv: header 'label,f0,f1,...', one sample per row, integer labels 0..K-1, every class present.",
            "W.csv: the classifier, K rows x p columns, no header. Without it and with p = K the features are "
                + "taken as logits (NC3 with W = I - 11^T/K, NC4 with argmax of the features). See docs/metrics.md."})
public final class MetricsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FEATURES.csv", description = "Labelled features.")
    Path features;

    @Option(names = "--classifier", paramLabel = "W.csv", description = "Classifier weights, K rows x p columns, no header.")
    Path classifier;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Also write the metrics as JSON (atomically).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) {
            AtomicOutput.checkFile(out, "--out");
        }
        FeatureMetrics.Result r = FeatureMetrics.compute(features, classifier);
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
