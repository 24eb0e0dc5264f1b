package org.lesde.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.report.Monitoring;
import org.lesde.sim.Simulation;

/**
 * What the neural-collapse monitor costs a run: the model's {@link Simulation#run} without
 * monitors (dynamics, LE-ODE table, summaries: what {@code bench} times) and with the monitors
 * of {@code simulate} ({@link Monitoring#config}), interleaved, after one untimed run of each.
 * Prints the medians of wall and process CPU seconds and monitor = with − without. Only public
 * API is used, so the same class runs against an older jar on the class path (docs/performance.md):
 *
 * <pre>java -cp target/lesde.jar:target/test-classes org.lesde.bench.MonitorCost MODEL.yaml [REPS]</pre>
 */
public final class MonitorCost {
    private MonitorCost() {
    }

    public static void main(String[] args) {
        LeModel m = ModelFile.read(Path.of(args[0]));
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[][] wall = new double[2][reps];
        double[][] cpu = new double[2][reps];
        for (int rep = -1; rep < reps; rep++) {
            for (int with = 0; with < 2; with++) {
                Simulation.Config c = with == 1 ? Monitoring.config() : Simulation.Config.defaults();
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                Simulation.run(m, c);
                double w = (System.nanoTime() - t0) * 1e-9;
                double u = (os.getProcessCpuTime() - c0) * 1e-9;
                if (rep >= 0) {
                    wall[with][rep] = w;
                    cpu[with][rep] = u;
                }
                System.err.printf("rep %d %s: %.3f s wall, %.3f s cpu%n", rep, with == 1 ? "with monitor" : "without", w, u);
            }
        }
        double w0 = median(wall[0]);
        double w1 = median(wall[1]);
        double c0 = median(cpu[0]);
        double c1 = median(cpu[1]);
        System.out.printf("%s: without monitor %.3f s (cpu %.3f), with monitor %.3f s (cpu %.3f), monitor %.3f s (cpu %.3f) = %.2f x the run without (cpu %.2f x)%n",
                m.name(), w0, c0, w1, c1, w1 - w0, c1 - c0, (w1 - w0) / w0, (c1 - c0) / c0);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
