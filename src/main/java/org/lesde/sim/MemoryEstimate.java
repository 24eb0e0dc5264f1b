package org.lesde.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.lesde.BadInputException;
import org.lesde.model.Closure;
import org.lesde.model.LeModel;
import org.lesde.model.MeanTrajectory;
import org.lesde.model.ModelRules;
import org.lesde.model.Noise;
import org.lesde.model.Transform;
import org.lesde.sde.Solver;

/**
 * An estimate of the heap a run needs, item by item, so that a run that cannot fit is refused
 * before any work starts (instead of dying with OutOfMemoryError after minutes). It follows the
 * allocations of {@link Simulation#run}: the LE-ODE table, per-thread state and work buffers,
 * the streaming summaries of the chunks in flight, the ensemble-closure system, the LE-SGD
 * particles, the kept sample paths and the dense matrices of the model. Numbers are computed in
 * double precision, so absurd sizes cannot overflow. Other commands add their own items with
 * {@link #plus} (e.g. monitors) and call {@link #requireWithin}.
 */
public final class MemoryEstimate {
    /** Bytes per double, and per-array / per-object overhead on a 64-bit JVM. */
    public static final double DOUBLE = 8;
    public static final double ARRAY = 16;
    private static final double D = DOUBLE;
    /** Live objects per path of the ensemble closure: generator, sampler, increments. */
    private static final double PER_STREAM = 200;
    /** JVM baseline in use by lesde itself (classes, libraries, small objects). */
    public static final double BASELINE = 24L << 20;

    /** One contribution; {@code cause} names what drives it (for the refusal message). */
    public record Item(String what, String cause, double bytes) {
    }

    private final List<Item> items;

    private MemoryEstimate(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }

    /** Total bytes. */
    public double total() {
        double t = 0;
        for (Item i : items) {
            t += i.bytes();
        }
        return t;
    }

    /** This estimate with one more item. */
    public MemoryEstimate plus(String what, String cause, double bytes) {
        List<Item> l = new ArrayList<>(items);
        l.add(new Item(what, cause, bytes));
        return new MemoryEstimate(l);
    }

    /** The heap limit of this JVM (-Xmx, or the JVM default). */
    public static long heapLimit() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Refuses (exit code 2) when the estimate exceeds {@code limit} bytes. */
    public void requireWithin(long limit) {
        double total = total();
        if (total > limit) {
            throw new BadInputException("the run needs about " + bytes(total) + " of memory but the Java heap limit is "
                    + bytes(limit) + " (largest: " + largest(3) + "); reduce these, or raise the limit with -Xmx"
                    + " (e.g. JAVA_TOOL_OPTIONS=-Xmx" + suggestXmx(total) + ")");
        }
    }

    /** The n largest items, "what (cause) size". */
    public String largest(int n) {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingDouble(Item::bytes).reversed());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, sorted.size()); i++) {
            Item it = sorted.get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(it.what()).append(' ').append(bytes(it.bytes()));
            if (!it.cause().isEmpty()) {
                b.append(" [").append(it.cause()).append(']');
            }
        }
        return b.toString();
    }

    private static String suggestXmx(double total) {
        double g = Math.ceil(total * 1.25 / (1L << 30));
        return g < 1e6 ? String.format(Locale.ROOT, "%.0fg", g) : "(too large)";
    }

    /** Human-readable size (binary units). */
    public static String bytes(double b) {
        String[] u = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int i = 0;
        while (b >= 1024 && i < u.length - 1) {
            b /= 1024;
            i++;
        }
        return i == 0 ? String.format(Locale.ROOT, "%.0f %s", b, u[i]) : String.format(Locale.ROOT, "%.1f %s", b, u[i]);
    }

    /** The estimate for {@link Simulation#run} with default sample paths. */
    public static MemoryEstimate forSimulation(LeModel m) {
        return forSimulation(m, Simulation.DEFAULT_SAMPLE_PATHS);
    }

    /** The estimate for {@link Simulation#run} without monitors. */
    public static MemoryEstimate forSimulation(LeModel m, int samplePaths) {
        return forSimulation(m, samplePaths, 0, 0);
    }

    /**
     * The estimate for {@link Simulation#run}: the sum of what the run's parts declare they hold
     * (the LE-ODE table, the per-thread workers, the summaries of the chunks in flight — the run's
     * own and the monitors' — the kept paths, the LE-SGD particles and the model's matrices).
     *
     * @param samplePaths     full trajectories kept (Config.samplePaths)
     * @param sdeMonitorBytes bytes of one copy of the SDE monitors' summaries (one chunk's worth)
     * @param sgdMonitorBytes the same for the LE-SGD monitors
     */
    public static MemoryEstimate forSimulation(LeModel m, int samplePaths, double sdeMonitorBytes, double sgdMonitorBytes) {
        List<Item> l = new ArrayList<>();
        double k = m.classes();
        double p = m.dim();
        double n = k * p;
        LeModel.Simulation s = m.simulation();
        double steps = ModelRules.steps(m.time());
        double rows = Math.min(m.time().outputs(), steps) + 1;
        double paths = s.paths();
        double row = n * D + ARRAY + 8; // one double[n] held in an array of rows
        double moments = Moments.bytes(rows, n) + sdeMonitorBytes;
        // single Java arrays cannot hold more than ~2^31 entries, whatever the heap
        // the exact sampler needs X̄ at the output times only (no per-step table)
        boolean exact = s.solver().scheme().samplesExactLaw();
        boolean table = (m.closure() == Closure.MEAN && !exact)
                || (m.noise() instanceof Noise.Proportional pr0 && pr0.centred());
        if (table) {
            arrayLimit("the LE-ODE mean table", (steps + 1) * n, "time.horizon/time.dt");
        }
        arrayLimit("the SDE summaries", rows * n, "time.outputs");
        if (m.closure() == Closure.ENSEMBLE) {
            arrayLimit("the ensemble-closure state", paths * n, "simulation.paths");
        }
        if (s.sgdParticles() > 0) {
            arrayLimit("the LE-SGD particles", (double) s.sgdParticles() * n, "simulation.sgd.particles");
        }
        l.add(new Item("baseline", "", BASELINE));

        // LE-ODE: the per-step table of the mean closure (one flat copy; DP853 holds ~20 rows of
        // stages and interpolated states while it is filled)
        boolean centred = m.noise() instanceof Noise.Proportional pr && pr.centred();
        if ((m.closure() == Closure.MEAN && !exact) || centred) {
            l.add(new Item("LE-ODE mean table", "(steps+1)·K·p: time.horizon/time.dt, classes, dim",
                    MeanTrajectory.bytesToBuild(steps, n)));
        }
        l.add(new Item("LE-ODE output rows", "time.outputs", rows * row));

        // per-thread work: state, Brownian increment, stepper and system buffers, operator kernel
        int threads = EnsembleRunner.threads(s.threads());
        // (lockstep path blocks: state and increment per block member; the kept mean-closure increment)
        double perThread = LePathWorker.bytes(n, k, p);
        if (m.closure() == Closure.ENSEMBLE) {
            // all paths advance together: P·K·p state, increment and stepper buffers, one stream per path
            l.add(new Item("ensemble-closure system", "simulation.paths·K·p", 5 * paths * n * D + paths * PER_STREAM));
            double chunks = Math.ceil(paths / EnsembleRunner.CHUNK);
            l.add(new Item("ensemble summaries", "simulation.paths/" + EnsembleRunner.CHUNK + " chunks·time.outputs·K·p",
                    chunks * moments));
            l.add(new Item("work buffers", "", perThread));
        } else {
            double chunks = Math.ceil(paths / EnsembleRunner.chunkSize(s.paths()));
            double nThreads = Math.max(1, Math.min(threads, chunks));
            double inFlight = EnsembleRunner.chunksInFlight(s.paths(), threads,
                    LePathWorker.affineBlockSize((int) Math.min(Integer.MAX_VALUE, n)));
            l.add(new Item("SDE summaries in flight", "threads·time.outputs·K·p", inFlight * moments));
            l.add(new Item("work buffers", "threads·K·p", nThreads * perThread));
        }
        double keep = Math.min(samplePaths, paths);
        l.add(new Item("sample paths", "time.outputs·K·p", SamplePaths.bytes(keep, rows, n)));

        // LE-SGD particles and their summaries
        if (s.sgdParticles() > 0) {
            double particles = s.sgdParticles();
            double iters = Math.max(1, Math.rint(m.time().horizon() / m.stepSize()));
            double sgdRows = Math.min(m.time().outputs(), iters) + 1;
            double sgdMoments = Moments.bytes(sgdRows, n) + sgdMonitorBytes;
            int sgdChunk = EnsembleRunner.CHUNK;
            double chunks = Math.ceil(particles / sgdChunk);
            l.add(new Item("LE-SGD particles", "simulation.sgd.particles·K·p", particles * n * D + 6 * n * D));
            l.add(new Item("LE-SGD summaries", "simulation.sgd.particles/" + sgdChunk + "·time.outputs·K·p",
                    chunks * sgdMoments));
        }

        // dense matrices of the model (already read, and factored / copied once more)
        if (m.noise() instanceof Noise.Full f) {
            double size = f.size();
            l.add(new Item("noise matrix", "noise.matrix", 2 * size * size * D));
        }
        Transform t = m.transform();
        if (t.matrices() != null) {
            l.add(new Item("transform matrices", "transform", t.matrices().length * p * p * D));
        }
        return new MemoryEstimate(l);
    }

    private static void arrayLimit(String what, double entries, String cause) {
        if (entries > ModelRules.MAX_STATE) {
            throw new BadInputException(what + " would have " + String.format(Locale.ROOT, "%.4g", entries)
                    + " entries, more than one Java array can hold (" + ModelRules.MAX_STATE + "); reduce " + cause
                    + " or classes/dim");
        }
    }

    @Override
    public String toString() {
        return "about " + bytes(total()) + " (" + largest(items.size()) + ")";
    }
}
