package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every subcommand registered in {@link Main} has a docs page with a section
 * {@code ## Options of `lesde NAME`} whose table lists, in its first column, exactly the option
 * names (all of them, including -h/--help and -V/--version) and the positional parameters (by
 * their label) that the command declares: nothing missing, nothing stale.
 */
class DocsOptionsTest {
    static Stream<String> subcommands() {
        return new CommandLine(new Main()).getSubcommands().keySet().stream();
    }

    static String heading(String command) {
        return "## Options of `lesde " + command + "`";
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void optionsSectionMatchesTheCommand(String command) {
        CommandSpec spec = new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec();
        Set<String> declared = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            declared.addAll(List.of(o.names()));
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            declared.add(p.paramLabel());
        }

        List<Path> pages = new ArrayList<>();
        for (Path page : Docs.pages()) {
            if (Docs.lines(page).contains(heading(command))) {
                pages.add(page);
            }
        }
        assertEquals(1, pages.size(), "pages with the heading '" + heading(command) + "': " + pages);
        List<List<String>> rows = Docs.tableAfter(pages.get(0), heading(command));
        assertFalse(rows.isEmpty(), pages.get(0) + ": no table after " + heading(command));

        Set<String> documented = new TreeSet<>();
        for (List<String> row : rows) {
            List<String> names = Docs.codeSpans(row.get(0));
            assertFalse(names.isEmpty(), pages.get(0) + ": a row of " + heading(command)
                    + " has no option in backticks in its first column: " + row);
            for (String n : names) {
                documented.add(n.replace("[", "").replace("]", "").replaceAll("\\.\\.\\.$", ""));
            }
        }
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(declared);
        assertTrue(missing.isEmpty(), pages.get(0) + ": options of 'lesde " + command + "' not documented: " + missing);
        assertTrue(stale.isEmpty(), pages.get(0) + ": documented options that 'lesde " + command
                + "' does not declare: " + stale);
    }
}
