package org.lesde.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lesde.BadInputException;
import org.lesde.fit.Fit;
import org.lesde.fit.FitOutput;
import org.lesde.fit.FitPlots;
import org.lesde.fit.InitialStates;
import org.lesde.fit.LogMetrics;
import org.lesde.fit.TailIndex;
import org.lesde.fit.TrainingLog;
import org.lesde.io.AtomicOutput;
import org.lesde.monitor.NcMetrics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lesde fit}: estimate the local-elasticity impacts from a training log and (optionally)
 * replay the LE-ODE with them. All input is read and validated before the output folder is
 * created; outputs are written atomically.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit the LE-ODE to a training log.",
            "The log is in the official format trial,itr,smp,y,y_logit0..,... (.csv or .csv.gz). Computes the "
                + "class-mean logits, the I- and L-model estimates A, B of the integrated impacts, their "
                + "Savitzky-Golay derivatives alpha, beta, the tail indices, the NC metrics of the logits and "
                + "optionally an LE-ODE replay driven by the L-model rates. Writes class_means.csv, fit.csv, "
                + "fit.json, fit_metrics.csv (and replay*.csv) into --out. See docs/fit.md."})
public final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "Training log (.csv or .csv.gz).")
    Path log;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: output/fit-<log name>).")
    Path out;

    @Option(names = "--window", paramLabel = "W", defaultValue = "151",
            description = "Savitzky-Golay window for alpha, beta (odd, >= 5, <= iterations; default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--tail", paramLabel = "N",
            description = "Tail length for the tail indices (default: min(1000, iterations - 1)).")
    Integer tail;

    @Option(names = "--replay", paramLabel = "N", description = "Replay the LE-ODE over N trials from Gaussian initial states.")
    Integer replay;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Master seed for the replay's initial states and noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--replay-init", paramLabel = "INIT.csv",
            description = "Replay from these initial states (header k0_d0,...; one row per trial).")
    Path replayInit;

    @Option(names = "--replay-noise", paramLabel = "SIGMA", defaultValue = "0",
            description = "Additive noise sigma per unit step in the replay (Euler-Maruyama; default 0 = the official ODE replay).")
    double replayNoise;

    @Option(names = "--replay-window", paramLabel = "W", defaultValue = "21",
            description = "Savitzky-Golay window of the L-model rates that drive the replay (default ${DEFAULT-VALUE}).")
    int replayWindow;

    @Option(names = "--no-plots", description = "Skip the PNG/SVG charts.")
    boolean noPlots;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (out == null) {
            AtomicOutput.checkName("the default output folder fit-<log name> (give --out)", "fit-" + stem(log));
        }
        Path dest = AtomicOutput.destination(out, Path.of("output", "fit-" + stem(log)), AtomicOutput.Kind.FIT);
        // Cheap checks first, so that obvious mistakes do not wait for the log to be read.
        boolean doReplay = replay != null || replayInit != null;
        if (window % 2 == 0 || window < 5) {
            throw new BadInputException("--window must be an odd integer >= 5, got " + window);
        }
        if (doReplay && (replayWindow % 2 == 0 || replayWindow < 5)) {
            throw new BadInputException("--replay-window must be an odd integer >= 5, got " + replayWindow);
        }
        if (replay != null && replay < 1) {
            throw new BadInputException("--replay must be >= 1, got " + replay);
        }
        if (!doReplay && replayNoise != 0) {
            throw new BadInputException("--replay-noise " + replayNoise + " needs --replay N or --replay-init INIT.csv");
        }
        if (!(replayNoise >= 0) || !Double.isFinite(replayNoise)) {
            throw new BadInputException("--replay-noise must be finite and >= 0, got " + replayNoise);
        }

        TrainingLog tl = TrainingLog.read(log);
        double[][] init = null;
        String initSource = null;
        if (replayInit != null) {
            init = InitialStates.read(replayInit, tl.classes());
            if (replay != null && replay != init.length) {
                throw new BadInputException("--replay " + replay + " does not match the " + init.length
                        + " initial states in " + replayInit);
            }
            initSource = "file " + replayInit.getFileName();
        } else if (replay != null) {
            initSource = "gaussian, sd ||Xbar_c(0)||/sqrt(K), seed " + seed;
        }
        Fit.Options opts = new Fit.Options(window, tail, replay == null ? 0 : replay, init, replayWindow, replayNoise, seed);
        Fit.Result r = Fit.run(tl.classMeans(), opts);
        NcMetrics[] nc = LogMetrics.perIteration(tl);

        List<String> charts = List.of();
        try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.FIT)) {
            FitOutput.write(ao.dir(), tl, r, opts, initSource, nc);
            if (!noPlots) {
                charts = FitPlots.write(ao.dir(), r, nc);
            }
            ao.commit();
        }
        summary(o, tl, r, opts, initSource, dest, nc, charts);
        return Main.OK;
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".csv")) {
            n = n.substring(0, n.length() - 4);
        }
        n = n.replaceAll("[^A-Za-z0-9._-]", "_");
        return n.isEmpty() ? "log" : n;
    }

    private static void summary(PrintWriter o, TrainingLog tl, Fit.Result r, Fit.Options opts, String initSource, Path dest,
            NcMetrics[] nc, List<String> charts) {
        int t = r.iterations();
        o.printf(Locale.ROOT, "lesde fit %s: %d rows, %d trials, K = %d classes, T = %d iterations%n",
                tl.name(), tl.rows(), tl.trials(), tl.classes(), t);
        int empty = r.means().emptyGroups();
        o.printf(Locale.ROOT, "  class means: %d to %d rows per (itr, class)%s%n", r.means().minCount(), maxCount(r),
                empty > 0 ? "; WARNING " + empty + " empty groups (NaN means there)" : "");
        model(o, "I-model (identity)", r.i(), t);
        model(o, "L-model (residual)", r.l(), t);
        o.printf(Locale.ROOT, "  alpha, beta: Savitzky-Golay window %d; tail indices over the last %d iterations"
                + " (r < 1: integral of alpha diverges)%n", r.window(), r.tail());
        if (r.replay() != null) {
            o.printf(Locale.ROOT, "  replay: %d trials, L-model rates (window %d), init %s, noise sigma %s%s%n",
                    r.replay().trials(), r.replayWindow(), initSource, Double.toString(opts.replayNoise()),
                    r.replay().finite() ? "" : "; WARNING non-finite values (non-finite rates?)");
        }
        NcMetrics last = nc[t - 1];
        if (last != null) {
            o.printf(Locale.ROOT, "  logged logits at itr %d: NC1 = %.4g, ETF distance = %.4g, NC4 = %.4g (%d samples)%n", t - 1,
                    last.nc1(), last.nc2EtfDistance(), last.nc4(), last.samples());
        }
        o.printf(Locale.ROOT, "wrote %s (%s%s)%n", dest, String.join(", ", FitOutput.files(r, true)),
                charts.isEmpty() ? "" : "; charts " + String.join(", ", charts) + " as .png/.svg");
        o.flush();
    }

    private static int maxCount(Fit.Result r) {
        int max = 0;
        for (int m = 0; m < r.iterations(); m++) {
            for (int c = 0; c < r.classes(); c++) {
                max = Math.max(max, r.means().count(m, c));
            }
        }
        return max;
    }

    private static void model(PrintWriter o, String label, Fit.Model m, int t) {
        o.printf(Locale.ROOT, "  %s: A(%d) = %.6g, B(%d) = %.6g; tail index r_A = %.6g%s, r_B = %.6g%s%n", label,
                t - 1, m.a()[t - 1], t - 1, m.b()[t - 1], m.tailA().r(), note(m.tailA()), m.tailB().r(), note(m.tailB()));
    }

    private static String note(TailIndex.Result r) {
        StringBuilder sb = new StringBuilder();
        if (r.flipped()) {
            sb.append("sign flipped");
        }
        if (r.ignored() > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append(r.ignored()).append(" ignored");
        }
        return sb.length() == 0 ? "" : " (" + sb + ")";
    }
}
