package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.lesde.plot.PlotOptions;

import picocli.CommandLine;

/** Only the command line's own process changes the JIT for its figures; Main.run (tests, embedding) never does. */
class FigureJitTest {
    private static PlotOptions optionsOf(Main main) {
        CommandLine cl = new CommandLine(main);
        CommandLine.ParseResult p = cl.parseArgs("simulate", "m.yaml", "--plots", "png");
        SimulateCommand s = (SimulateCommand) p.subcommand().commandSpec().userObject();
        return s.plotMixin.options();
    }

    @Test
    void onlyTheProcessEntryHooksTheFigures() {
        assertSame(PlotOptions.NOTHING, optionsOf(new Main()).beforeDrawing());
        assertNotSame(PlotOptions.NOTHING, optionsOf(new Main(true)).beforeDrawing());
    }
}
