package org.lesde.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Test helpers that read README.md and docs/*.md (the tests run in the project folder). */
final class Docs {
    static final Path README = Path.of("README.md");
    static final Path DOCS = Path.of("docs");

    private Docs() {
    }

    /** README.md, then every docs/*.md in name order. */
    static List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(README);
        try (Stream<Path> s = Files.list(DOCS)) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line of a page, with its 1-based number (for messages). */
    record Line(Path page, int number, String text) {
        @Override
        public String toString() {
            return page + ":" + number + ": " + text;
        }
    }

    /** The lines inside fenced code blocks (``` ... ```) of a page. */
    static List<Line> fencedLines(Path page) {
        List<Line> out = new ArrayList<>();
        boolean in = false;
        List<String> all = lines(page);
        for (int i = 0; i < all.size(); i++) {
            String l = all.get(i);
            if (l.strip().startsWith("```")) {
                in = !in;
            } else if (in) {
                out.add(new Line(page, i + 1, l));
            }
        }
        return out;
    }

    /**
     * The rows of the markdown table that follows the heading {@code heading} (exact line):
     * the cells of each body row (header and separator rows dropped), or null if there is no
     * such heading.
     */
    static List<List<String>> tableAfter(Path page, String heading) {
        List<String> all = lines(page);
        int h = all.indexOf(heading);
        if (h < 0) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        int i = h + 1;
        while (i < all.size() && all.get(i).isBlank()) {
            i++;
        }
        for (int row = 0; i < all.size() && all.get(i).strip().startsWith("|"); i++, row++) {
            if (row >= 2) {
                rows.add(cells(all.get(i)));
            }
        }
        return rows;
    }

    /** The cells of a table row; "\|" inside a cell is not a separator. */
    static List<String> cells(String row) {
        String r = row.strip();
        r = r.substring(1, r.endsWith("|") ? r.length() - 1 : r.length());
        List<String> cells = new ArrayList<>();
        for (String c : r.split("(?<!\\\\)\\|", -1)) {
            cells.add(c.strip());
        }
        return cells;
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** The `code` spans of a piece of markdown. */
    static List<String> codeSpans(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** GitHub's anchor of a heading text: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** The anchors of all headings of a page (GitHub numbers repeated ones -1, -2, ...). */
    static List<String> anchors(Path page) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : lines(page)) {
            if (l.strip().startsWith("```")) {
                in = !in;
            } else if (!in && l.matches("#{1,6} .*")) {
                String a = anchor(l.replaceFirst("#{1,6} ", ""));
                String unique = a;
                for (int n = 1; out.contains(unique); n++) {
                    unique = a + "-" + n;
                }
                out.add(unique);
            }
        }
        return out;
    }
}
