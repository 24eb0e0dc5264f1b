package org.lesde.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.BadInputException;
import org.lesde.RunFailedException;

/** Atomic output folders: commit semantics, failures, and recovery after killed runs. */
class AtomicOutputTest {
    /** A PID no process has (Linux pid_max is at most 2^22). */
    static final long DEAD_PID = 999_999_999L;

    @TempDir
    Path tmp;

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void previous(Path dest) throws IOException {
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("a.csv"), "old\n");
        Files.writeString(dest.resolve("only-old.txt"), "x");
        Files.writeString(dest.resolve(AtomicOutput.MARKER), "");
    }

    @Test
    void commitReplacesThePreviousResultWhole() throws IOException {
        Path dest = tmp.resolve("run");
        previous(dest);
        try (AtomicOutput out = AtomicOutput.begin(dest)) {
            assertTrue(out.dir().getFileName().toString().startsWith(".run.tmp-" + ProcessHandle.current().pid() + "-"));
            Files.writeString(out.file("a.csv"), "new\n");
            assertEquals("old\n", Files.readString(dest.resolve("a.csv")), "destination unchanged before commit");
            out.commit();
        }
        assertEquals("new\n", Files.readString(dest.resolve("a.csv")));
        assertFalse(Files.exists(dest.resolve("only-old.txt")), "no mix of old and new files");
        assertEquals(List.of("run"), names(tmp), "no staging or parked folder left");
    }

    @Test
    void commitIntoANewDestinationCreatesParents() throws IOException {
        Path dest = tmp.resolve("a").resolve("b").resolve("run");
        try (AtomicOutput out = AtomicOutput.begin(dest)) {
            Files.writeString(out.file("x"), "1");
            out.commit();
            out.commit(); // idempotent
        }
        assertEquals("1", Files.readString(dest.resolve("x")));
        assertEquals(List.of("run"), names(dest.getParent()));
    }

    @Test
    void failureBeforeCommitLeavesThePreviousResultAndNoPartialFiles() throws IOException {
        Path dest = tmp.resolve("run");
        previous(dest);
        assertThrows(RunFailedException.class, () -> {
            try (AtomicOutput out = AtomicOutput.begin(dest)) {
                Files.writeString(out.file("a.csv"), "partial");
                throw new RunFailedException("disk full (simulated)");
            }
        });
        assertEquals("old\n", Files.readString(dest.resolve("a.csv")));
        assertTrue(Files.exists(dest.resolve("only-old.txt")));
        assertEquals(List.of("run"), names(tmp));
    }

    @Test
    void stagingFoldersOfDeadProcessesAreRemovedAndLiveOnesKept() throws IOException {
        Path dest = tmp.resolve("run");
        previous(dest);
        Path dead = tmp.resolve(".run.tmp-" + DEAD_PID + "-abc");
        Files.createDirectories(dead.resolve("sub"));
        Files.writeString(dead.resolve("sub").resolve("partial.csv"), "partial");
        Path deadOld = tmp.resolve(".run.old-" + DEAD_PID + "-def");
        Files.createDirectories(deadOld);
        Path live = tmp.resolve(".run.tmp-1-xyz"); // pid 1 is alive: a concurrent run of another process
        Files.createDirectories(live);
        Path unrelated1 = tmp.resolve(".run.tmp-notapid");
        Path unrelated2 = tmp.resolve(".runx.tmp-" + DEAD_PID + "-abc");
        Files.createDirectories(unrelated1);
        Files.createDirectories(unrelated2);
        try (AtomicOutput out = AtomicOutput.begin(dest)) {
            Files.writeString(out.file("a.csv"), "new\n");
            out.commit();
        }
        assertFalse(Files.exists(dead), "stale staging of a killed run is removed");
        assertFalse(Files.exists(deadOld), "stale parked result is removed when the destination exists");
        assertTrue(Files.exists(live), "a live process's staging folder is left alone");
        assertTrue(Files.exists(unrelated1) && Files.exists(unrelated2), "other names are left alone");
        assertEquals("new\n", Files.readString(dest.resolve("a.csv")));
    }

    @Test
    void resultParkedByAProcessKilledMidCommitIsRestored() throws IOException {
        // the process was killed between "destination -> parked" and "staging -> destination"
        Path dest = tmp.resolve("run");
        Path parked = tmp.resolve(".run.old-" + DEAD_PID + "-abc");
        previous(parked);
        Path staging = tmp.resolve(".run.tmp-" + DEAD_PID + "-abd");
        Files.createDirectories(staging);
        AtomicOutput.recover(dest.toAbsolutePath());
        assertEquals("old\n", Files.readString(dest.resolve("a.csv")));
        assertEquals(List.of("run"), names(tmp));
    }

    @Test
    void refusesToReplaceAFolderLesdeDidNotWrite() throws IOException {
        Path dest = tmp.resolve("docs");
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("thesis.tex"), "precious");
        BadInputException e = assertThrows(BadInputException.class, () -> AtomicOutput.checkDestination(dest, "--out"));
        assertEquals("--out \"" + dest + "\" exists, is not empty and was not written by lesde (no .lesde-output or summary.json);"
                + " results replace the whole folder, so choose another folder or empty it", e.getMessage());
        assertThrows(BadInputException.class, () -> AtomicOutput.begin(dest));
        assertEquals(List.of("docs"), names(tmp));
        assertEquals("precious", Files.readString(dest.resolve("thesis.tex")));
        // the current folder (or a parent of it) is never an output folder
        e = assertThrows(BadInputException.class, () -> AtomicOutput.checkDestination(Path.of("."), "--out"));
        assertTrue(e.getMessage().startsWith("--out \".\" is the current folder or contains it"), e.getMessage());
        // an empty folder, or one written by lesde, is fine
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        AtomicOutput.checkDestination(empty, "--out");
        try (AtomicOutput out = AtomicOutput.begin(empty)) {
            assertTrue(Files.exists(out.file(AtomicOutput.MARKER)));
            out.commit();
        }
        AtomicOutput.checkDestination(empty, "--out");
    }

    @Test
    void destinationChecks() throws IOException {
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        BadInputException e = assertThrows(BadInputException.class, () -> AtomicOutput.checkDestination(file, "--out"));
        assertEquals("--out \"" + file + "\" exists and is not a folder", e.getMessage());
        e = assertThrows(BadInputException.class, () -> AtomicOutput.checkDestination(file.resolve("sub"), "--out"));
        assertTrue(e.getMessage().endsWith(file + "\" is a file, not a folder"), e.getMessage());
        AtomicOutput.checkDestination(tmp.resolve("new").resolve("run"), "--out");
        assertFalse(Files.exists(tmp.resolve("new")), "the check creates nothing");
        assertTrue(AtomicOutput.isAlive(ProcessHandle.current().pid()));
        assertFalse(AtomicOutput.isAlive(DEAD_PID));
    }

    @Test
    void oneNameRule() {
        for (String ok : List.of("default", "a.b-c_1", "x", "0", "n".repeat(AtomicOutput.NAME_MAX), "a..b", "-dash")) {
            assertEquals(ok, AtomicOutput.checkName("name", ok));
        }
        for (String bad : List.of("", ".", "..", "...", ".hidden", "a/b", "a\\b", "a b", "é", "a:b", "n".repeat(AtomicOutput.NAME_MAX + 1),
                "tab\there", "new\nline")) {
            BadInputException e = assertThrows(BadInputException.class, () -> AtomicOutput.checkName("name", bad), bad);
            assertTrue(e.getMessage().startsWith("name must be"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void theMarkerRecordsTheKindAndOtherKindsAreNotReplaced() throws IOException {
        Path dest = tmp.resolve("run");
        try (AtomicOutput out = AtomicOutput.begin(dest, AtomicOutput.Kind.FIT)) {
            out.commit();
        }
        assertEquals(AtomicOutput.Kind.FIT, AtomicOutput.recordedKind(dest));
        AtomicOutput.checkDestination(dest, "--out", AtomicOutput.Kind.FIT);
        AtomicOutput.checkDestination(dest, "--out"); // no kind given: any lesde result
        for (AtomicOutput.Kind other : AtomicOutput.Kind.values()) {
            if (other == AtomicOutput.Kind.FIT) {
                continue;
            }
            BadInputException e = assertThrows(BadInputException.class,
                    () -> AtomicOutput.checkDestination(dest, "--out", other));
            assertTrue(e.getMessage().contains("holds the result of 'lesde fit'"), e.getMessage());
            assertThrows(BadInputException.class, () -> AtomicOutput.begin(dest, other));
        }
        BadInputException e = assertThrows(BadInputException.class,
                () -> AtomicOutput.checkDestination(dest.resolve("inner"), "--out", AtomicOutput.Kind.FIT));
        assertTrue(e.getMessage().contains("is inside"), e.getMessage());
        assertEquals(List.of("run"), names(tmp), "refusals leave nothing behind");
    }

    @Test
    void fileDestinationsAreCheckedWithoutWriting() throws IOException {
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertThrows(BadInputException.class, () -> AtomicOutput.checkFile(tmp, "--out"));
        assertThrows(BadInputException.class, () -> AtomicOutput.checkFile(file.resolve("m.json"), "--out"));
        assertThrows(BadInputException.class, () -> AtomicOutput.checkFile(tmp.resolve("j".repeat(201)), "--out"));
        AtomicOutput.checkFile(tmp.resolve("new").resolve("m.json"), "--out");
        AtomicOutput.checkFile(file, "--out"); // an existing file is replaced
        assertEquals(List.of("file"), names(tmp));
    }
}
