package org.lesde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Relative links of README.md and docs/*.md lead to files that exist and to headings they have. */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** Written on another branch (the package map); links to it may precede it. */
    private static final Path ARCHITECTURE = Path.of("docs", "architecture.md");

    @Test
    void relativeLinksAndAnchorsResolve() {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : Docs.pages()) {
            List<String> lines = Docs.lines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(lines.get(i));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("[a-z]+:.*")) {
                        continue; // http:, https:, mailto:
                    }
                    links++;
                    String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                    String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                    Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                    String where = page + ":" + (i + 1) + ": " + target;
                    if (!Files.exists(resolved)) {
                        if (!resolved.equals(ARCHITECTURE.toAbsolutePath().normalize())) {
                            broken.add(where + " (no such file)");
                        }
                    } else if (anchor != null && !Docs.anchors(resolved).contains(anchor)) {
                        broken.add(where + " (no such heading)");
                    }
                }
            }
        }
        assertTrue(links > 50, "too few links found: " + links);
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsFollowGitHub() {
        assertEquals("31-eulermaruyama-and-milstein", Docs.anchor("3.1 Euler–Maruyama and Milstein"));
        assertEquals("options-of-lesde-simulate", Docs.anchor("Options of `lesde simulate`"));
        assertEquals("the-monitors-cost", Docs.anchor("The monitor's cost"));
    }
}
