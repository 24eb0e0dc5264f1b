package org.lesde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lesde.BadInputException;
import org.lesde.RunFailedException;
import org.lesde.fit.Fit;
import org.lesde.fit.FitOutput;
import org.lesde.fit.FitPlots;
import org.lesde.fit.FitSummary;
import org.lesde.fit.Projection;
import org.lesde.fit.ReplayScale;
import org.lesde.fit.Validation;
import org.lesde.fit.InitialStates;
import org.lesde.fit.LogMetrics;
import org.lesde.fit.TailIndex;
import org.lesde.fit.TrainingLog;
import org.lesde.io.AtomicOutput;
import org.lesde.monitor.NcMetrics;
import org.lesde.plot.PlotOptions;
import org.lesde.sim.EnsembleRunner;
import org.lesde.sim.RunClock;
import org.lesde.sim.RunTimings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                + "fit.json, fit_metrics.csv, projection*.csv, validation.csv (and replay*.csv) into --out, and the "
                + "paper's Figures 1, 3, 5 as its code draws them next to unsmoothed, unscaled versions. Several logs "
                + "with one --label each give fit_summary.csv and Figure 4. See docs/fit.md."})
public final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "LOG",
            description = "Training log(s) (.csv or .csv.gz); with several, one --label each and a summary (Figure 4).")
    List<Path> logs;

    @Option(names = "--label", paramLabel = "NAME=VALUE",
            description = "Label of each LOG in order (e.g. p=0.2, the label-corruption level): one per LOG; "
                + "writes fit_summary.csv and the Figure 4 charts, each log's fit in a sub-folder NAME_VALUE.")
    List<String> labels;

    @Option(names = "--proj-classes", paramLabel = "V1,V2", split = ",", defaultValue = "0,1",
            description = "The classes of the Figure 1 direction (class V1 minus class V2; default ${DEFAULT-VALUE}).")
    int[] projClasses;

    @Option(names = "--align", paramLabel = "J",
            description = "Figure 5 rescaling: match logit J of every class (default: each class c its own logit c).")
    Integer align;

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

    @Mixin
    PlotMixin plotMixin;

    @Option(names = "--no-plots", hidden = true, description = "Old spelling of --plots none.")
    boolean noPlots;

    @Override
    public Integer call() {
        // the phases of the command (docs/outputs.md#timings): reading and fitting the logs count as ode,
        // the neural-collapse metrics of the logged logits as monitor
        RunClock clock = RunClock.start();
        PrintWriter o = spec.commandLine().getOut();
        PlotOptions plots = plotMixin.options(noPlots);
        String defaultName = logs.size() == 1 && labels == null ? "fit-" + stem(logs.get(0)) : "fit-summary";
        if (out == null) {
            AtomicOutput.checkName("the default output folder fit-<log name> (give --out)", defaultName);
        }
        Path dest = AtomicOutput.destination(out, Path.of("output", defaultName), AtomicOutput.Kind.FIT);
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
        if (projClasses.length != 2) {
            throw new BadInputException("--proj-classes must be two classes V1,V2, got " + projClasses.length + " values");
        }
        if (align != null && !doReplay) {
            throw new BadInputException("--align " + align + " needs --replay N or --replay-init INIT.csv");
        }
        List<FitSummary.Label> parsed = new ArrayList<>();
        if (labels != null) {
            for (String s : labels) {
                parsed.add(FitSummary.parseLabel(s));
            }
            FitSummary.validate(parsed, logs.size());
        } else if (logs.size() > 1) {
            throw new BadInputException("several LOGs need one --label NAME=VALUE each (e.g. --label p=0 --label p=0.2)");
        }
        if (replayInit != null && logs.size() > 1) {
            throw new BadInputException("--replay-init applies to one LOG, got " + logs.size());
        }
        // Every log is read, validated and fitted before the output folder is created.
        List<Fitted> fitted = new ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            fitted.add(fit(logs.get(i), labels == null ? null : parsed.get(i)));
        }
        double monitor = 0;
        for (Fitted f : fitted) {
            monitor += f.monitorSeconds();
        }
        clock.lapRun(new RunTimings(0, 0, monitor, 0, 0, 0));
        if (labels == null) {
            try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.FIT)) {
                write(o, fitted.get(0), ao.dir(), dest, plots, clock);
                ao.commit();
            }
            o.flush();
            return Main.OK;
        }
        try (AtomicOutput ao = AtomicOutput.begin(dest, AtomicOutput.Kind.FIT)) {
            List<List<String>> rows = new ArrayList<>();
            for (Fitted f : fitted) {
                Path sub = ao.dir().resolve(f.label().folder());
                try {
                    Files.createDirectories(sub);
                } catch (IOException e) {
                    throw new RunFailedException("cannot create " + sub + ": " + e.getMessage(), e);
                }
                // each log's fit.json holds that log's own phases (its figures are drawn below, once for all)
                RunClock own = RunClock.start();
                write(o, f, sub, dest.resolve(f.label().folder()), PlotOptions.NONE, own);
                rows.add(FitSummary.row(f.label(), f.log(), f.result()));
            }
            FitSummary.write(ao.dir(), rows);
            clock.lap(RunClock.Phase.WRITE);
            List<Path> charts = FitPlots.redraw(ao.dir(), plots, EnsembleRunner.threads(0));
            clock.lap(RunClock.Phase.PLOT);
            ao.commit();
            o.printf(Locale.ROOT, "wrote %s (%s, one sub-folder per log%s) in %s%n", dest, FitSummary.FILE,
                    charts.isEmpty() ? "" : "; " + charts.size() + " chart files", clock.timings().console());
        }
        o.flush();
        return Main.OK;
    }

    /** One log read and fitted, before anything is written. */
    private record Fitted(TrainingLog log, Fit.Result result, Fit.Options options, String initSource, NcMetrics[] nc,
            FitSummary.Label label, double fitSeconds, double monitorSeconds) {
    }

    private Fitted fit(Path log, FitSummary.Label label) {
        long start = System.nanoTime();
        TrainingLog tl = TrainingLog.read(log);
        Projection.validate(projClasses[0], projClasses[1], tl.classes());
        ReplayScale.validateAlign(align, tl.classes());
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
        long fitted = System.nanoTime();
        NcMetrics[] nc = LogMetrics.perIteration(tl);
        long end = System.nanoTime();
        return new Fitted(tl, r, opts, initSource, nc, label, (fitted - start) / 1e9, (end - fitted) / 1e9);
    }

    /**
     * Writes one fit into {@code dir} (shown to the user as {@code shown}) and draws its figures from
     * the files, lapping {@code clock} (write, plot); its fit.json gets the timings of {@code clock}
     * (started before the fit, or, for one log of several, just before this write: then the log's
     * own fitting and monitor seconds are added in).
     */
    private void write(PrintWriter o, Fitted f, Path dir, Path shown, PlotOptions plots, RunClock clock) {
        FitOutput.Figures figs = new FitOutput.Figures(projClasses[0], projClasses[1], align);
        FitOutput.write(dir, f.log(), f.result(), f.options(), f.initSource(), f.nc(), figs);
        clock.lap(RunClock.Phase.WRITE);
        List<Path> charts = FitPlots.redraw(dir, plots, EnsembleRunner.threads(0));
        clock.lap(RunClock.Phase.PLOT);
        RunTimings t = clock.timings();
        if (labels != null) {
            t = t.plus(new RunTimings(f.fitSeconds(), 0, f.monitorSeconds(), 0, 0, f.fitSeconds() + f.monitorSeconds()));
        }
        FitOutput.addTimings(dir, t);
        summary(o, f.log(), f.result(), f.options(), f.initSource(), shown, f.nc(), charts, Validation.of(f.log()) != null, figs,
                t);
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
            NcMetrics[] nc, List<Path> charts, boolean validation, FitOutput.Figures figs, RunTimings timings) {
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
        if (r.replay() != null) {
            ReplayScale sc = FitOutput.scale(r, opts, figs);
            o.printf(Locale.ROOT, "  replay fit (relative RMS distance to the genuine class means, per class): unscaled %s;"
                    + " rescaled as the paper's Figure 5 %s (see replay_scaled.csv)%n", list(sc.fitUnscaled()), list(sc.fitScaled()));
        }
        o.printf(Locale.ROOT, "wrote %s (%s%s) in %s%n", dest, String.join(", ", FitOutput.files(r, true, validation)),
                charts.isEmpty() ? "" : "; " + charts.size() + " chart files", timings.console());
    }

    private static String list(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4g", x));
        }
        return sb.toString();
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
