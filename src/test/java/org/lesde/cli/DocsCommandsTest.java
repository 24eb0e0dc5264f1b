package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every command line starting with {@code bin/lesde} in a fenced code block of README.md or
 * docs/*.md parses (the subcommand exists, every option exists and takes a valid value, required
 * parameters are given), and the files it names under models/, src/test/resources/ and
 * docs/examples/ exist (except on lines marked {@code # exits N}, which are meant to fail).
 * {@code scripts/run-doc-commands.sh} runs the same lines for real.
 */
class DocsCommandsTest {
    static final String LAUNCHER = "bin/lesde";
    static final List<String> FILE_PREFIXES = List.of("models/", "src/test/resources/", "docs/examples/");
    static final Pattern EXITS = Pattern.compile("#\\s*exits\\s+(\\d+)\\s*$");

    /** A documented command: where it is, its words after bin/lesde, and the exit code it expects. */
    record Documented(Docs.Line where, List<String> args, int expectedExit) {
    }

    /** Every bin/lesde line of the fenced code blocks ("$ " prompts and trailing "\" joined). */
    static List<Documented> documentedCommands() {
        List<Documented> out = new ArrayList<>();
        for (Path page : Docs.pages()) {
            List<Docs.Line> lines = Docs.fencedLines(page);
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i).text().strip();
                if (text.startsWith("$ ")) {
                    text = text.substring(2).strip();
                }
                if (!(text.equals(LAUNCHER) || text.startsWith(LAUNCHER + " "))) {
                    continue;
                }
                StringBuilder full = new StringBuilder(text);
                while (full.toString().endsWith("\\") && i + 1 < lines.size()) {
                    full.setLength(full.length() - 1);
                    full.append(' ').append(lines.get(++i).text().strip());
                }
                String line = full.toString();
                Matcher m = EXITS.matcher(line);
                int expected = m.find() ? Integer.parseInt(m.group(1)) : 0;
                List<String> words = words(line);
                out.add(new Documented(lines.get(i), words.subList(1, words.size()), expected));
            }
        }
        return out;
    }

    /** Shell words of a line: quotes removed, a trailing "# comment" dropped. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                w = w == null ? new StringBuilder() : w;
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
            } else if (c == '#' && w == null) {
                break;
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in: " + line);
        }
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void everyDocumentedCommandParses() {
        List<Documented> commands = documentedCommands();
        assertTrue(commands.size() >= 20, "too few documented commands found: " + commands.size());
        List<String> problems = new ArrayList<>();
        for (Documented d : commands) {
            try {
                ParseResult pr = new CommandLine(new Main()).parseArgs(d.args().toArray(String[]::new));
                if (!pr.hasSubcommand() && !pr.isUsageHelpRequested() && !pr.isVersionHelpRequested()) {
                    problems.add(d.where() + ": no subcommand");
                }
            } catch (CommandLine.ParameterException e) {
                problems.add(d.where() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void filesNamedByDocumentedCommandsExist() {
        List<String> missing = new ArrayList<>();
        for (Documented d : documentedCommands()) {
            if (d.expectedExit() != 0) {
                continue;
            }
            for (String word : d.args()) {
                String value = word.startsWith("-") && word.contains("=") ? word.substring(word.indexOf('=') + 1) : word;
                boolean named = FILE_PREFIXES.stream().anyMatch(value::startsWith);
                if (named && !value.contains("*") && !Files.exists(Path.of(value))) {
                    missing.add(d.where() + ": " + value);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everySubcommandIsExemplified() {
        Set<String> shown = new TreeSet<>();
        for (Documented d : documentedCommands()) {
            if (!d.args().isEmpty()) {
                shown.add(d.args().get(0));
            }
        }
        Set<String> missing = new TreeSet<>(new CommandLine(new Main()).getSubcommands().keySet());
        missing.removeAll(shown);
        assertEquals(Set.of(), missing, "subcommands without a documented bin/lesde example");
    }

    @Test
    void wordsFollowTheShell() {
        assertEquals(List.of("bin/lesde", "fit", "a b.csv", "--out", "x"), words("bin/lesde fit 'a b.csv' --out \"x\"  # c"));
        assertEquals(List.of("bin/lesde", "check", "m.yaml"), words("bin/lesde check m.yaml   # exits 1"));
        try {
            words("bin/lesde 'open");
            fail("unbalanced quote accepted");
        } catch (IllegalArgumentException expected) {
            // ok
        }
    }
}
