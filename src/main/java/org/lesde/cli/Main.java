package org.lesde.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.lesde.BadInputException;
import org.lesde.RunFailedException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lesde} command line. Commands are thin adapters over the library; every command is
 * a {@code Callable<Integer>} registered below. Exit codes: 0 success, 1 failed run (or a failed
 * check), 2 bad input (one-line message naming the field and value).
 */
@Command(name = "lesde", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Locally elastic stochastic differential equations (Zhang, Wang & Su, NeurIPS 2021).",
        footer = {"", "Every command has --help. Exit codes: 0 success, 1 failed run (or a failed check), 2 bad input.",
            "Documentation: docs/index.md."},
        subcommands = {
            SimulateCommand.class,
            MetricsCommand.class,
            FitCommand.class,
            SweepCommand.class,
            MergeCommand.class,
            PlotCommand.class,
            CheckCommand.class,
            ConvergenceCommand.class,
            BenchCommand.class,
        })
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * True when this command line is the process's own ({@link #main}): the process ends when the
     * command does (so its figure phase may change the JIT's policy, see {@link FigureJit}); false
     * for {@link #run}, which tests and embedding code call.
     */
    final boolean processEntry;

    public Main() {
        this(false);
    }

    Main(boolean processEntry) {
        this.processEntry = processEntry;
    }

    public static void main(String[] args) {
        int code = run(new Main(true), System.out, System.err, args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams (testable entry point) and returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(new Main(), out, err, args);
    }

    private static int run(Main main, PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, a) -> {
            // one line: the problem, picocli's suggestion if any, and where to look
            CommandLine c = ex.getCommandLine();
            StringBuilder msg = new StringBuilder("lesde: error: ").append(oneLine(ex.getMessage()));
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                msg.append(" (did you mean ").append(String.join(" or ", u.getSuggestions())).append("?)");
            }
            msg.append("; see '").append(c.getCommandSpec().qualifiedName()).append(" --help'");
            c.getErr().println(msg);
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, commandLine.getErr()));
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError oom) {
            err.println("lesde: run failed: out of memory (raise -Xmx, or reduce paths / outputs)");
            return FAILED;
        } catch (RuntimeException | Error ex) {
            PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
            return report(ex, e);
        }
    }

    /** Maps an exception to its one-line message and exit code. */
    static int report(Throwable ex, PrintWriter e) {
        if (ex instanceof BadInputException) {
            e.println("lesde: error: " + oneLine(ex.getMessage()));
            return BAD_INPUT;
        }
        if (ex instanceof RunFailedException) {
            e.println("lesde: run failed: " + oneLine(ex.getMessage()));
            return FAILED;
        }
        if (ex instanceof java.io.UncheckedIOException io) {
            e.println("lesde: run failed: I/O error: " + oneLine(String.valueOf(io.getCause().getMessage())));
            return FAILED;
        }
        if (ex instanceof OutOfMemoryError) {
            e.println("lesde: run failed: out of memory (raise -Xmx, or reduce paths / outputs)");
            return FAILED;
        }
        e.println("lesde: internal error: " + oneLine(String.valueOf(ex)) + " (set LESDE_DEBUG=1 for the stack trace)");
        if (System.getenv("LESDE_DEBUG") != null) {
            ex.printStackTrace(e);
        }
        return FAILED;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ').replaceAll("\\s+", " ").trim();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The lesde version ({@link org.lesde.Version}). */
    public static String version() {
        return org.lesde.Version.get();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lesde " + version()};
        }
    }
}
