package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.lesde.io.YamlTree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Fuzzing: valid model files mutated at random (keys deleted, renamed or added, values replaced
 * by values of the wrong type, NaN/Inf, negative, huge; lists reshaped; characters inserted or
 * deleted in the text) must end with a clean run (exit 0), a one-line bad-input error (exit 2)
 * or a one-line run failure (exit 1): never an uncaught exception, an "internal error" or a
 * stack trace, and a failed run never changes the destination. Bounded: 200 tries of tiny
 * models (replacement numbers are at most 100, so a mutated run stays short).
 */
class ModelFuzzTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> BASES = List.of(Cli.BASE, ReproducibilityTest.FULL, ReproducibilityTest.PROPORTIONAL,
            ReproducibilityTest.RICH.replace("paths: 70", "paths: 10"),
            Cli.BASE.replace("closure: mean", "closure: self").replace("alpha: 2.0", "alpha: {powerlaw: {c: 2.0, r: 0.5}}"));
    private static final String[] KEYS = {"name", "classes", "dim", "impact", "alpha", "beta", "matrix", "matrices", "transform",
        "noise", "type", "sigma", "sigmas", "scale", "centred", "stepSize", "closure", "init", "means", "random", "spread", "time",
        "horizon", "dt", "outputs", "simulation", "paths", "solver", "seed", "threads", "sgd", "particles", "powerlaw", "c", "r",
        "piecewise", "table", "bogus"};
    private static final String NOISE_CHARS = ":[]{},-#'\"\t\n &*!|>%@`.0";

    private ExecutorService runner;
    private Path dir;

    @BeforeProperty
    void setUp() throws IOException {
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-run");
            t.setDaemon(true);
            return t;
        });
        dir = Files.createTempDirectory("lesde-fuzz");
        Files.writeString(dir.resolve("alpha.csv"), "t,alpha\n0,2.0\n0.1,1.5\n0.3,3\n");
        Files.writeString(dir.resolve("bad.csv"), "t,alpha\n0,2.0\n0.1,x\n");
    }

    @AfterProperty
    void tearDown() throws IOException {
        runner.shutdownNow();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One mutation: where (an index into the node list), what (operation), with what (an index into the pools). */
    record Mutation(int where, int op, int what) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        // op 2 (a numeric value replaced by another number) is drawn 5 times in 12, so that a good share of
        // the mutated models is valid and runs, reaching the run-time checks
        return Combinators.combine(Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 100_000)).as((w, op, v) -> new Mutation(w, op >= 8 ? 2 : op, v))
                .list().ofMinSize(1).ofMaxSize(2);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void mutatedModelsEndWithACleanRunOrAOneLineError(@ForAll("mutations") List<Mutation> ms,
            @ForAll("bases") int base) throws Exception {
        String text = mutate(BASES.get(base), ms);
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, text);
        Path outDir = dir.resolve("out");
        Path dest = outDir.resolve("run");
        Cli.previousResult(dest);
        Map<String, String> before = Cli.snapshot(outDir);
        Future<Cli.Result> f = runner.submit(() -> Cli.run("simulate", model.toString(), "--out", dest.toString(), "--quiet"));
        Cli.Result r;
        try {
            r = f.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("run took more than 60 s for:\n" + text);
            return;
        }
        String context = "\n--- model:\n" + text + "\n--- stderr:\n" + r.err();
        assertFalse(r.err().contains("internal error"), context);
        assertFalse(r.err().contains("\tat "), context);
        switch (r.code()) {
            case 0 -> {
                assertEquals("", r.err(), context);
                assertTrue(Files.readString(dest.resolve("summary.json")).contains("\"success\" : true"), context);
                try (Stream<Path> s = Files.list(outDir)) {
                    assertEquals(List.of("run"), s.map(p -> p.getFileName().toString()).toList(), context);
                }
            }
            case 1, 2 -> {
                assertEquals(1, r.errLines().length, "one-line message expected" + context);
                assertTrue(r.err().startsWith(r.code() == 2 ? "lesde: error: " : "lesde: run failed: "), context);
                assertEquals(before, Cli.snapshot(outDir), "destination untouched" + context);
            }
            default -> fail("exit code " + r.code() + context);
        }
        deleteTree(dest);
    }

    @Provide
    Arbitrary<Integer> bases() {
        return Arbitraries.integers().between(0, BASES.size() - 1);
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    /** Applies the mutations to the model's tree (ops 0-6) or text (op 7). */
    static String mutate(String yaml, List<Mutation> ms) throws IOException {
        JsonNode root = YamlTree.parse(yaml, "base");
        List<Mutation> textual = new ArrayList<>();
        for (Mutation m : ms) {
            if (m.op() == 7) {
                textual.add(m);
                continue;
            }
            List<Loc> locs = new ArrayList<>();
            collect(root, locs);
            apply(locs.get(m.where() % locs.size()), m);
        }
        String text = YAML.writeValueAsString(root);
        for (Mutation m : textual) {
            int pos = m.where() % (text.length() + 1);
            if (m.what() % 2 == 0 && pos < text.length()) {
                text = text.substring(0, pos) + text.substring(pos + 1);
            } else {
                text = text.substring(0, pos) + NOISE_CHARS.charAt(m.what() % NOISE_CHARS.length()) + text.substring(pos);
            }
        }
        return text;
    }

    /** A place in the tree: a key of an object or an index of an array. */
    record Loc(JsonNode parent, String key, int index) {
    }

    private static void collect(JsonNode n, List<Loc> out) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                out.add(new Loc(n, k, -1));
                collect(n.get(k), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                out.add(new Loc(n, null, i));
                collect(n.get(i), out);
            }
        }
    }

    private static void apply(Loc l, Mutation m) {
        JsonNode v = pool(m.what());
        if (l.parent() instanceof ObjectNode o) {
            switch (m.op()) {
                case 0 -> o.remove(l.key());
                case 1 -> o.set(l.key(), v);
                case 2 -> o.set(l.key(), number(m.what()));
                case 3 -> {
                    JsonNode old = o.remove(l.key());
                    o.set(typo(l.key(), m.what()), old);
                }
                case 4 -> o.set(KEYS[m.what() % KEYS.length], v);
                case 5 -> o.set(l.key(), F.arrayNode().add(o.get(l.key())));
                default -> o.set(l.key(), F.objectNode().set(KEYS[m.what() % KEYS.length], o.get(l.key())));
            }
        } else {
            ArrayNode a = (ArrayNode) l.parent();
            switch (m.op()) {
                case 0 -> a.remove(l.index());
                case 1 -> a.set(l.index(), v);
                case 2 -> a.set(l.index(), number(m.what()));
                case 3 -> a.insert(l.index(), a.get(l.index()).deepCopy());
                case 4 -> a.insert(l.index(), v);
                case 5 -> a.set(l.index(), F.arrayNode().add(a.get(l.index())));
                default -> a.add(v);
            }
        }
    }

    private static String typo(String key, int what) {
        return switch (what % 4) {
            case 0 -> key.length() > 1 ? key.substring(1) : key + "x";
            case 1 -> key.toUpperCase();
            case 2 -> key + "s";
            default -> key.length() > 1 ? key.charAt(1) + "" + key.charAt(0) + key.substring(2) : "_" + key;
        };
    }

    /** Numbers only: plausible, boundary and non-finite (at most 100 in magnitude, or absurd). */
    static JsonNode number(int i) {
        double[] v = {0.5, 2, 3, 0.1, 0.05, 1, 4, 10, 100, 0.001, 0, -1, -0.25, Double.NaN, Double.POSITIVE_INFINITY, 1e308, 1e-300};
        double x = v[i % v.length];
        return x == Math.rint(x) && Math.abs(x) < 1e6 ? F.numberNode((int) x) : F.numberNode(x);
    }

    /** Replacement values: wrong types, non-finite, boundary and plausible values (numbers at most 100). */
    static JsonNode pool(int i) {
        ObjectNode pl = F.objectNode();
        pl.set("powerlaw", F.objectNode().put("c", 1.5).put("r", 0.5));
        ObjectNode pw = F.objectNode();
        pw.set("piecewise", F.arrayNode().add(F.arrayNode().add(0).add(1.0)).add(F.arrayNode().add(0.2).add(-1.0)));
        ObjectNode tb = F.objectNode();
        tb.set("table", F.arrayNode().add(F.arrayNode().add(0).add(1.0)).add(F.arrayNode().add(1).add(2.0)));
        ObjectNode mx = F.objectNode();
        mx.set("matrix", F.arrayNode().add(F.arrayNode().add(1).add(0).add(0)).add(F.arrayNode().add(0).add(1).add(0))
                .add(F.arrayNode().add(0).add(0).add(1)));
        JsonNode[] pool = {
            F.numberNode(Double.NaN), F.numberNode(Double.POSITIVE_INFINITY), F.numberNode(Double.NEGATIVE_INFINITY),
            F.numberNode(-1), F.numberNode(0), F.numberNode(1), F.numberNode(2), F.numberNode(3), F.numberNode(0.5),
            F.numberNode(-0.5), F.numberNode(1e-3), F.numberNode(100), F.numberNode(7.25), F.numberNode(1e308),
            F.numberNode(2147483648L), F.numberNode(-2147483649L), F.numberNode(new java.math.BigInteger("99999999999999999999")),
            F.textNode("abc"), F.textNode(""), F.textNode("NaN"), F.textNode(".inf"), F.textNode("identity"),
            F.textNode("residual-outer"), F.textNode("residual-target"), F.textNode("ensemble"), F.textNode("self"),
            F.textNode("milstein"), F.textNode("proportional"), F.textNode("full"), F.textNode("diagonal"),
            F.textNode("alpha.csv"), F.textNode("bad.csv"), F.textNode("missing.csv"), F.textNode("a b"),
            F.booleanNode(true), F.nullNode(), F.arrayNode(), F.objectNode(), F.arrayNode().add(1).add(2),
            F.arrayNode().add(F.arrayNode().add(1).add(2)).add(F.arrayNode().add(3).add(4)), pl, pw, tb, mx,
            F.objectNode().put("table", "alpha.csv"), F.objectNode().put("table", "bad.csv"),
            F.objectNode().set("random", F.objectNode().put("scale", 0.5)),
        };
        return pool[i % pool.length].deepCopy();
    }
}
