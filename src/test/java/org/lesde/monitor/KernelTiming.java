package org.lesde.monitor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/** Thread CPU time per path of the monitor kernels against the one-at-a-time loops: K = p = arg 0, states = means + arg 1 (default 1) · N(0, 1). */
final class KernelTiming {
    public static void main(String[] args) {
        int k = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int p = k;
        double spread = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        Random rnd = new Random(1);
        double[] means = new double[k * p];
        for (int i = 0; i < means.length; i++) {
            means[i] = rnd.nextGaussian();
        }
        int n = 64;
        double[][] xs = new double[n][k * p];
        for (double[] x : xs) {
            for (int i = 0; i < x.length; i++) {
                x[i] = means[i] + spread * rnd.nextGaussian();
            }
        }
        PairSeparation sep = new PairSeparation(k, p, means);
        FixedMeanPass pass = new FixedMeanPass(means, k, p, null);
        EnsembleMonitor mon = new EnsembleMonitor(k, p, new double[][] {means});
        MonitorWork w = new MonitorWork(k, p);
        FixedMeanPass nc4 = FixedMeanPass.nc4Only(means, k, p, null);
        ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            long t0 = tb.getCurrentThreadCpuTime();
            for (double[] x : xs) {
                sep.addPathOnePairAtATime(x, 0);
            }
            long t1 = tb.getCurrentThreadCpuTime();
            for (double[] x : xs) {
                sep.addPath(x, 0, w);
            }
            long t2 = tb.getCurrentThreadCpuTime();
            for (double[] x : xs) {
                for (int c = 0; c < k; c++) {
                    pass.add(c, x, c * p);
                }
            }
            long t3 = tb.getCurrentThreadCpuTime();
            for (double[] x : xs) {
                pass.addPath(x, 0, w);
            }
            long t4 = tb.getCurrentThreadCpuTime();
            for (double[] x : xs) {
                mon.observe(0, 0, 0, x);
            }
            long t5 = tb.getCurrentThreadCpuTime();
            for (double[] x : xs) {
                nc4.addPath(x, 0, w);
            }
            long t6 = tb.getCurrentThreadCpuTime();
            System.out.printf("K=%d ms per path: pairs one-at-a-time %.3f blocked %.3f | NC1+NC4 per sample %.3f addPath %.3f | EnsembleMonitor.observe %.3f | NC4 alone %.3f%n",
                    k, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, (t3 - t2) / 1e6 / n, (t4 - t3) / 1e6 / n, (t5 - t4) / 1e6 / n, (t6 - t5) / 1e6 / n);
        }
    }
}
