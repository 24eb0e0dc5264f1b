package org.lesde.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.ObjectName;

/**
 * The figures are the last phase of a {@code lesde} process, and code that runs once: when they
 * start, the JIT is told to compile nothing more with its optimising compiler (C2; a compiler
 * directive, through the JVM's diagnostic-command bean, as {@code jcmd Compiler.directives_add}
 * would). On this 2-core machine, C2 compiling the drawing code (Java2D's rasteriser, XChart, the
 * encoders, number formatting) took a core for about as long as the figures themselves and was
 * done only in time for the process to exit; with C1 alone the figures of the default run take
 * about half the wall time (docs/performance.md, "Figures off the critical path"). Compiled code
 * computes the same results at every tier, so nothing written changes. Only the command line's
 * own process does this ({@link Main#main}), never a JVM that embeds lesde or runs its tests, and
 * a failure only loses the speed-up.
 */
final class FigureJit {
    private static final AtomicBoolean DONE = new AtomicBoolean();
    private static final String DIRECTIVE = "[{match: \"*.*\", c2: {Exclude: true}}]";

    private FigureJit() {
    }

    /** Once per process: no more C2 compilations (see the class comment). */
    static void figuresEndTheProcess() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        Path f = null;
        try {
            f = Files.createTempFile("lesde-figures-jit", ".json");
            Files.writeString(f, DIRECTIVE);
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd", new Object[] {new String[] {f.toString()}}, new String[] {String[].class.getName()});
        } catch (Exception | LinkageError e) {
            // no diagnostic-command bean (another JVM) or no temporary folder: the figures are only slower
        } finally {
            if (f != null) {
                try {
                    Files.deleteIfExists(f);
                } catch (java.io.IOException e) {
                    // a stale temporary file of 40 bytes is harmless
                }
            }
        }
    }
}
