package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.lesde.io.AtomicOutput;
import org.lesde.report.OutputFigures;

/**
 * docs/figures.md, the gallery: it names every figure the code can write (the lists of
 * {@link OutputFigures#names}, one per kind of output folder), every image it shows exists under
 * docs/img and is small, and docs/img holds no image it does not show.
 */
class FiguresDocTest {
    static final Path PAGE = Docs.DOCS.resolve("figures.md");
    static final Path IMG = Docs.DOCS.resolve("img");
    static final long MAX_BYTES = 300 * 1024;
    static final long MAX_TOTAL_BYTES = 4L * 1024 * 1024;
    static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    @Test
    void everyFigureTheCodeWritesIsInTheGallery() {
        Set<String> spans = new TreeSet<>();
        for (String line : Docs.lines(PAGE)) {
            spans.addAll(Docs.codeSpans(line));
        }
        List<String> missing = new ArrayList<>();
        for (AtomicOutput.Kind k : AtomicOutput.Kind.values()) {
            for (String name : OutputFigures.names(k)) {
                if (!spans.contains(name)) {
                    missing.add(k.key() + ": " + name);
                }
            }
            if (OutputFigures.names(k).isEmpty()) {
                assertTrue(spans.contains("lesde " + k.key()), PAGE + " says what `lesde " + k.key() + "` draws (nothing)");
            }
        }
        assertTrue(missing.isEmpty(), PAGE + " does not name the figures " + missing);
    }

    @Test
    void everyImageShownExistsAndIsSmallAndEveryImageIsShown() throws IOException {
        Set<Path> shown = new TreeSet<>();
        for (String line : Docs.lines(PAGE)) {
            Matcher m = IMAGE.matcher(line);
            while (m.find()) {
                Path p = PAGE.getParent().resolve(m.group(1)).normalize();
                assertTrue(p.startsWith(IMG), m.group(1) + ": images of " + PAGE + " live in " + IMG);
                assertTrue(Files.isRegularFile(p), PAGE + " shows " + m.group(1) + ", which does not exist");
                assertTrue(Files.size(p) < MAX_BYTES, p + " is " + Files.size(p) + " bytes (at most " + MAX_BYTES + ")");
                shown.add(p);
            }
        }
        assertFalse(shown.isEmpty(), PAGE + " shows no image");
        long total = 0;
        List<Path> unshown = new ArrayList<>();
        try (Stream<Path> s = Files.list(IMG)) {
            for (Path p : s.toList()) {
                total += Files.size(p);
                if (!shown.contains(p.normalize())) {
                    unshown.add(p);
                }
            }
        }
        assertTrue(unshown.isEmpty(), "images in " + IMG + " that " + PAGE + " does not show: " + unshown);
        assertTrue(total < MAX_TOTAL_BYTES, IMG + " holds " + total + " bytes (at most " + MAX_TOTAL_BYTES + ")");
    }
}
