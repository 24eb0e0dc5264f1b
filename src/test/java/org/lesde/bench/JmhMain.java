package org.lesde.bench;

/**
 * Entry point for the JMH benchmarks of the test tree (forwards its arguments to JMH's own
 * command line, e.g. {@code DriftKernel -p classes=100 -f 1}). Run it through Maven so that the
 * forked benchmark JVMs get the test classpath: {@code mvn -q -Pjmh test-compile exec:exec}
 * (arguments via {@code -Djmh.args="..."}). {@code -Djmh.args="rounds R C"} runs
 * {@link PathKernelRounds} instead (interleaved, thread CPU time).
 */
public final class JmhMain {
    private JmhMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("rounds")) {
            PathKernelRounds.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {"DriftKernelBenchmark"} : args);
    }
}
