package org.lesde.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.sim.Assembly;
import org.lesde.sim.Simulation;

/**
 * Where a run's CPU time goes, for the speed-up from 1 to T threads on a loaded machine (where
 * wall times do not tell): CPU seconds of the calling thread for the assembly (grid, X̄(0),
 * operator), the LE-ODE part ({@code meanPart}: the mean-closure table) and the rest of
 * {@link Simulation#run} (what the caller does itself: set-up, merge, its share of the chunks),
 * and the process CPU seconds of the whole run. Median of REPS after one untimed run:
 *
 * <pre>java -cp target/lesde.jar:target/test-classes org.lesde.bench.SerialParts MODEL.yaml THREADS [REPS]</pre>
 */
public final class SerialParts {
    private SerialParts() {
    }

    public static void main(String[] args) {
        LeModel m = ModelFile.read(Path.of(args[0]));
        m = m.withSimulation(m.simulation().withThreads(Integer.parseInt(args[1])));
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[][] v = new double[5][reps];
        for (int rep = -1; rep < reps; rep++) {
            long p0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            long t0 = tb.getCurrentThreadCpuTime();
            Assembly a = Assembly.of(m);
            a.mean0();
            long t1 = tb.getCurrentThreadCpuTime();
            a.meanPart();
            long t2 = tb.getCurrentThreadCpuTime();
            Simulation.run(a, Simulation.Config.defaults());
            long t3 = tb.getCurrentThreadCpuTime();
            long p1 = os.getProcessCpuTime();
            long w1 = System.nanoTime();
            if (rep >= 0) {
                v[0][rep] = (t1 - t0) * 1e-9;
                v[1][rep] = (t2 - t1) * 1e-9;
                v[2][rep] = (t3 - t2) * 1e-9;
                v[3][rep] = (p1 - p0) * 1e-9;
                v[4][rep] = (w1 - w0) * 1e-9;
            }
        }
        for (double[] x : v) {
            java.util.Arrays.sort(x);
        }
        System.out.printf("%s threads %s: caller CPU s: assembly %.3f, LE-ODE part %.3f, rest of run %.3f; process CPU %.3f s, wall %.3f s (medians of %d)%n",
                m.name(), args[1], v[0][reps / 2], v[1][reps / 2], v[2][reps / 2], v[3][reps / 2], v[4][reps / 2], reps);
    }
}
