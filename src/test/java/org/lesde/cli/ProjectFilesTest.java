package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** README length, the docs index, LICENSE and CITATION.cff agree with the project. */
class ProjectFilesTest {
    @Test
    void readmeIsShort() {
        int lines = Docs.lines(Docs.README).size();
        assertTrue(lines <= 200, "README.md has " + lines + " lines, at most 200 wanted (move detail into docs/)");
    }

    @Test
    void docsIndexListsEveryPage() {
        String index = String.join("\n", Docs.lines(Docs.DOCS.resolve("index.md")));
        List<String> unlisted = new ArrayList<>();
        for (Path page : Docs.pages()) {
            String name = page.getFileName().toString();
            if (page.startsWith(Docs.DOCS) && !name.equals("index.md") && !index.contains("](" + name + ")")) {
                unlisted.add(name);
            }
        }
        assertEquals(List.of(), unlisted, "docs pages missing from docs/index.md");
    }

    @Test
    void licenseIsApache2() throws IOException {
        String license = Files.readString(Path.of("LICENSE"));
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004")
                && license.contains("END OF TERMS AND CONDITIONS"), "LICENSE is not the full Apache-2.0 text");
    }

    @Test
    void citationVersionIsThePomVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher pv = Pattern.compile("<artifactId>lesde</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(pv.find(), "no project version in pom.xml");
        String cff = Files.readString(Path.of("CITATION.cff"));
        assertTrue(cff.startsWith("cff-version: 1.2.0\n"), "CITATION.cff must declare cff-version 1.2.0");
        Matcher cv = Pattern.compile("(?m)^version: \"?([^\"\\s]+)\"?$").matcher(cff);
        assertTrue(cv.find(), "no top-level version in CITATION.cff");
        assertEquals(pv.group(1), cv.group(1), "CITATION.cff version vs pom.xml");
        assertTrue(cff.contains("Imitating Deep Learning Dynamics via Locally Elastic Stochastic Differential Equations"));
    }
}
