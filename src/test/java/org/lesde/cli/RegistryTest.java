package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.model.NoiseKind;
import org.lesde.model.TransformKind;
import org.lesde.sde.NoiseType;
import org.lesde.sde.Scheme;
import org.lesde.sde.Solver;

/**
 * Every entry of the one list of each concept (solvers, transform kinds, noise kinds) reaches
 * validation, the help and the docs, read from the registry itself: a new entry fails here until
 * it is wired and documented.
 */
class RegistryTest {

    /** README.md and every docs page, concatenated. */
    static String docs() throws IOException {
        StringBuilder b = new StringBuilder(Files.readString(Path.of("README.md")));
        Path dir = Path.of("docs");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    b.append('\n').append(Files.readString(p));
                }
            }
        }
        return b.toString();
    }

    @Test
    void everySolverIsValidatedHelpedAndDocumented(@TempDir Path tmp) throws IOException {
        String refusal = Cli.run("simulate", "models/default.yaml", "--solver", "no-such-solver", "--out",
                tmp.resolve("o").toString()).oneLineError(Main.BAD_INPUT);
        String help = Cli.run("simulate", "--help").out();
        String docs = docs();
        List<String> missing = new ArrayList<>();
        for (Solver s : Solver.values()) {
            if (!refusal.contains(s.key())) {
                missing.add(s.key() + " not in the --solver refusal: " + refusal);
            }
            if (!help.contains(s.key())) {
                missing.add(s.key() + " not in simulate --help");
            }
            if (!docs.contains("`" + s.key() + "`")) {
                missing.add(s.key() + " not in README.md or docs/*.md (as `" + s.key() + "`)");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everySchemeDeclaresItsOrdersForTheNoiseTypesItSupports() {
        for (Solver s : Solver.values()) {
            Scheme sc = s.scheme();
            assertEquals(s, Solver.byKey(sc.name()).orElseThrow());
            assertTrue(sc.summary().endsWith("."), sc.name() + ": the summary is a sentence");
            boolean any = false;
            for (NoiseType t : NoiseType.values()) {
                if (sc.supports(t)) {
                    any = true;
                    assertTrue(sc.strongOrder(t) > 0 && sc.weakOrder(t) > 0, sc.name() + " orders for " + t);
                } else {
                    assertTrue(Double.isNaN(sc.strongOrder(t)) && Double.isNaN(sc.weakOrder(t)), sc.name() + " unsupported " + t);
                }
            }
            assertTrue(any, sc.name() + " supports no noise type");
        }
    }

    @Test
    void everyNamedTransformKindIsValidatedAndDocumented(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of("models/default.yaml")).replace("transform: residual-source",
                "transform: no-such-transform"));
        String msg = Cli.run("simulate", bad.toString(), "--out", tmp.resolve("o").toString()).oneLineError(Main.BAD_INPUT);
        String docs = docs();
        List<String> missing = new ArrayList<>();
        for (TransformKind k : TransformKind.values()) {
            if (k.isNamed() && !msg.contains(k.key())) {
                missing.add(k.key() + " not in the transform refusal: " + msg);
            }
            String asDoc = k.isNamed() ? "`" + k.key() + "`" : "{matrix:";
            if (!docs.contains(asDoc)) {
                missing.add(k.key() + " not in README.md or docs/*.md (" + asDoc + ")");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyNoiseKindIsValidatedAndDocumented(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of("models/default.yaml")).replace("type: additive", "type: no-such-noise"));
        String msg = Cli.run("simulate", bad.toString(), "--out", tmp.resolve("o").toString()).oneLineError(Main.BAD_INPUT);
        String docs = docs();
        List<String> missing = new ArrayList<>();
        for (NoiseKind k : NoiseKind.values()) {
            if (!msg.contains(k.key())) {
                missing.add(k.key() + " not in the noise.type refusal: " + msg);
            }
            if (!docs.contains("`" + k.key() + "`")) {
                missing.add(k.key() + " not in README.md or docs/*.md");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void aFileThatIsNotAModelIsRefusedInOneShortLine(@TempDir Path tmp) throws IOException {
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "word ".repeat(6000));
        String line = Cli.run("simulate", text.toString(), "--out", tmp.resolve("o").toString()).oneLineError(Main.BAD_INPUT);
        assertTrue(line.contains("(29999 characters)") || line.contains("(30000 characters)"), line);
        assertTrue(line.length() < 250, () -> "the message quotes at most 80 characters of the file: " + line.length());
        assertTrue(!Files.exists(tmp.resolve("o")));
    }
}
