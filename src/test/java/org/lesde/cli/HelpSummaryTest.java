package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The top-level --help shows each command's first description line: it must be a whole sentence. */
class HelpSummaryTest {
    @Test
    void everySummaryLineIsAWholeSentence() {
        Map<String, CommandLine> subcommands = new CommandLine(new Main()).getSubcommands();
        assertFalse(subcommands.isEmpty());
        for (var e : subcommands.entrySet()) {
            String[] description = e.getValue().getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, e.getKey() + " has no description");
            String first = description[0].strip();
            assertTrue(first.endsWith("."), e.getKey() + ": summary does not end with '.': " + first);
            assertFalse(first.substring(0, first.length() - 1).contains(". "),
                    e.getKey() + ": summary is more than one sentence: " + first);
        }
    }

    @Test
    void topLevelHelpShowsWholeSummaries() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.code(), r.err());
        Map<String, String> summaries = commandSummaries(r.out());
        assertEquals(new CommandLine(new Main()).getSubcommands().keySet(), summaries.keySet(), r.out());
        summaries.forEach((name, summary) ->
                assertTrue(summary.endsWith("."), name + ": summary cut mid-sentence in --help: " + summary));
    }

    /** The "Commands:" section of a usage message: name and summary (wrapped lines joined). */
    static Map<String, String> commandSummaries(String usage) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean in = false;
        String current = null;
        for (String line : usage.split("\\R")) {
            if (line.equals("Commands:")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in && line.matches("  \\S.*")) {
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                m.put(current, parts.length > 1 ? parts[1] : "");
            } else if (in && current != null) {
                m.put(current, m.get(current) + " " + line.strip());
            }
        }
        return m;
    }
}
