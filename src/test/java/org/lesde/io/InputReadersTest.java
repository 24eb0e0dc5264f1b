package org.lesde.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lesde.BadInputException;

import com.fasterxml.jackson.databind.JsonNode;

/** YamlTree (special floats, duplicates, documents) and NumericCsv (file:line, column, value). */
class InputReadersTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            .nan   | NaN
            .NaN   | NaN
            .NAN   | NaN
            .inf   | Infinity
            +.inf  | Infinity
            -.inf  | -Infinity
            .Inf   | Infinity
            1e999  | Infinity
            1.5e3  | 1500.0
            """)
    void yamlSpecialFloatsBecomeDoubles(String literal, double expected) {
        JsonNode n = YamlTree.parse("x: " + literal + "\n", "t.yaml").get("x");
        assertTrue(n.isNumber(), n.toString());
        assertEquals(expected, n.doubleValue());
    }

    @Test
    void yamlStructuralErrors() {
        assertEquals("t.yaml: duplicate key a.b at line 3, column 4",
                assertThrows(BadInputException.class, () -> YamlTree.parse("a:\n  b: 1\n  b: 2\n", "t.yaml")).getMessage());
        assertTrue(assertThrows(BadInputException.class, () -> YamlTree.parse("a: 1\n---\nb: 2\n", "t.yaml")).getMessage()
                .startsWith("t.yaml: more than one YAML document"));
        assertEquals("t.yaml: malformed YAML at line 1, column 6: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence started at line 1)",
                assertThrows(BadInputException.class, () -> YamlTree.parse("a: [1", "t.yaml")).getMessage());
        assertEquals("t.yaml: dim: YAML aliases (*k) are not supported; write the value out at line 2, column 8",
                assertThrows(BadInputException.class, () -> YamlTree.parse("classes: &k 3\ndim: *k\n", "t.yaml")).getMessage());
        assertNull(YamlTree.parse("# only a comment\n", "t.yaml"));
        assertTrue(YamlTree.parse("a:\n", "t.yaml").get("a").isNull(), "empty value is null");
    }

    @Test
    void numericCsvReadsHeaderCommentsAndPythonNumbers() throws IOException {
        Path f = tmp.resolve("log.csv");
        Files.writeString(f, "\uFEFF# comment\ntrial,itr,y\n0,1,2.5\n\n0,2,-1e-3\n");
        NumericCsv.Data d = NumericCsv.read(f, "--log", NumericCsv.Options.defaults());
        assertEquals(List.of("trial", "itr", "y"), d.header());
        assertEquals(2, d.rows().length);
        assertArrayEquals(new double[] {2.5, -1e-3}, d.values(d.column("y", "--log")));
        assertEquals(5, d.line(1));
        Files.writeString(f, "a,b\n1,nan\n2,\n3,inf\n");
        NumericCsv.Data nan = NumericCsv.read(f, null, NumericCsv.Options.defaults().withNonFinite());
        assertTrue(Double.isNaN(nan.rows()[0][1]) && Double.isNaN(nan.rows()[1][1]) && nan.rows()[2][1] == Double.POSITIVE_INFINITY);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            a,b\\n1,2\\n3,x\\n    | --log: log.csv:3: column 2 (b) is not a number, got "x"
            a,b\\n1,2\\n3\\n      | --log: log.csv:3: expected 2 columns, got 1: "3"
            a,b\\n1,2\\n3,\\n     | --log: log.csv:3: column 2 (b) is empty
            a,b\\n1,inf\\n       | --log: log.csv:2: column 2 (b) must be finite, got inf
            a,b\\n1,0x10\\n      | --log: log.csv:2: column 2 (b) is not a number, got "0x10"
            a,b\\n              | --log: log.csv has no data rows
            """)
    void numericCsvErrorsNameFileLineColumnAndValue(String content, String expected) throws IOException {
        Path f = tmp.resolve("log.csv");
        Files.writeString(f, content.replace("\\n", "\n"));
        assertEquals(expected, assertThrows(BadInputException.class,
                () -> NumericCsv.read(f, "--log", NumericCsv.Options.defaults())).getMessage());
    }

    @Test
    void numericCsvFileProblems() {
        assertEquals("--log: file not found: " + tmp.resolve("none.csv"), assertThrows(BadInputException.class,
                () -> NumericCsv.read(tmp.resolve("none.csv"), "--log", NumericCsv.Options.defaults())).getMessage());
        assertEquals("--log: " + tmp + " is a folder, not a CSV file", assertThrows(BadInputException.class,
                () -> NumericCsv.read(tmp, "--log", NumericCsv.Options.defaults())).getMessage());
        assertEquals("--log: log.csv:1: expected 3 columns, got 2 in the header \"a,b\"", assertThrows(BadInputException.class,
                () -> NumericCsv.parse(List.of("a,b"), Path.of("log.csv"), "--log", NumericCsv.Options.defaults().withColumns(3)))
                .getMessage());
    }
}
