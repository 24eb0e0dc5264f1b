package org.lesde.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The floor map of docs/architecture.md, enforced on the compiled main classes: every package
 * imports only packages on lower floors (never one on its own floor or above), no package
 * cycle, and the third-party libraries stay at their edges. The map is read from the docs page
 * itself, so the page and the code cannot drift apart.
 */
class ArchitectureTest {
    private static final String ROOT = "org.lesde";
    private static JavaClasses classes;
    private static Map<String, Integer> floors;

    @BeforeAll
    static void load() throws IOException {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
        floors = floorMap(Path.of("docs/architecture.md"));
    }

    /** Rows "| N | `org.lesde.a`, `org.lesde.b` | ... |" of the floor table. */
    static Map<String, Integer> floorMap(Path doc) throws IOException {
        Map<String, Integer> m = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|([^|]+)\\|");
        Pattern pkg = Pattern.compile("`(org\\.lesde(?:\\.[a-z]+)*)`");
        for (String line : Files.readAllLines(doc)) {
            Matcher r = row.matcher(line);
            if (r.find()) {
                Matcher p = pkg.matcher(r.group(2));
                while (p.find()) {
                    m.put(p.group(1), Integer.parseInt(r.group(1)));
                }
            }
        }
        assertTrue(m.size() > 5, "no floor table found in " + doc);
        return m;
    }

    /** The top-level lesde package of a class (org.lesde for the root, org.lesde.x for org.lesde.x.y). */
    static String topPackage(JavaClass c) {
        String p = c.getPackageName();
        if (p.equals(ROOT)) {
            return ROOT;
        }
        String rest = p.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return ROOT + "." + (dot < 0 ? rest : rest.substring(0, dot));
    }

    @Test
    void everyPackageIsOnTheFloorMap() {
        TreeSet<String> missing = new TreeSet<>();
        for (JavaClass c : classes) {
            if (!floors.containsKey(topPackage(c))) {
                missing.add(topPackage(c));
            }
        }
        assertEquals(new TreeSet<>(), missing, "packages missing from the floor table of docs/architecture.md");
        TreeSet<String> stale = new TreeSet<>(floors.keySet());
        for (JavaClass c : classes) {
            stale.remove(topPackage(c));
        }
        assertEquals(new TreeSet<>(), stale, "packages in docs/architecture.md that do not exist");
    }

    @Test
    void packagesImportOnlyLowerFloors() {
        List<String> violations = new ArrayList<>();
        for (JavaClass c : classes) {
            String from = topPackage(c);
            Integer fromFloor = floors.get(from);
            if (fromFloor == null) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (!target.getPackageName().startsWith(ROOT) || target.isArray()) {
                    continue;
                }
                String to = topPackage(target);
                Integer toFloor = floors.get(to);
                if (to.equals(from) || toFloor == null) {
                    continue;
                }
                if (toFloor >= fromFloor) {
                    violations.add(from + " (floor " + fromFloor + ") -> " + to + " (floor " + toFloor + "): "
                            + d.getDescription());
                }
            }
        }
        assertEquals(List.of(), violations, "imports that run up (or across) the floors of docs/architecture.md");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.lesde.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void thirdPartyLibrariesStayAtTheirEdges() {
        noClasses().that().resideOutsideOfPackage("org.lesde.io..").should().dependOnClassesThat()
                .resideInAPackage("com.fasterxml..").because("Jackson is used only in org.lesde.io").check(classes);
        noClasses().that().resideOutsideOfPackage("org.lesde.plot..").should().dependOnClassesThat()
                .resideInAPackage("org.knowm..").because("XChart is used only in org.lesde.plot").check(classes);
        noClasses().that().resideOutsideOfPackage("org.lesde.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").because("picocli is used only in org.lesde.cli").check(classes);
    }
}
