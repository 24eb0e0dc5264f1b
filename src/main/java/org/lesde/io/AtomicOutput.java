package org.lesde.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lesde.BadInputException;
import org.lesde.Require;
import org.lesde.RunFailedException;

/**
 * An output folder written atomically: files go into a hidden staging folder next to the
 * destination, and {@link #commit()} swaps it into place only when the run is complete. If the
 * run fails or is interrupted the staging folder is deleted and the previous contents of the
 * destination stay untouched.
 *
 * <p>Names: for destination {@code out/run}, the staging folder is {@code out/.run.tmp-PID-NONCE}
 * and, during the swap, the previous result is parked as {@code out/.run.old-PID-NONCE}, PID
 * being the writing process. The swap is two renames (old aside, staging into place); at every
 * instant the complete previous result or the complete new one exists, under the destination
 * name or parked.
 *
 * <p>Failure handling:
 * <ul>
 * <li>exception: {@link #close()} without commit deletes the staging folder;</li>
 * <li>SIGINT / SIGTERM: a shutdown hook deletes the staging folder and, if the signal arrived
 *     between the two renames, moves the parked previous result back (the hook and
 *     {@link #commit()} are serialised, so the hook never sees a half-done swap). The hook is
 *     registered before the staging folder is created, and writers never re-create it (charts
 *     require their folder to exist), so no staging folder outlives a signal whose hooks run
 *     to the end;</li>
 * <li>SIGKILL / power loss: nothing runs, so {@link #begin} recovers first: folders of dead
 *     processes for the same destination are removed, and a parked previous result whose
 *     destination is missing is moved back. Folders of live processes (a concurrent run) are
 *     left alone.</li>
 * </ul>
 * Files are forced to disk before the swap, so a crash after commit leaves complete files.
 *
 * <p>Destinations: commands call {@link #destination} (or {@link #checkDestination},
 * {@link #checkFile}) first thing, so a bad {@code --out} costs no work and writes nothing; the
 * marker records the {@link Kind} of result, and a command never replaces another kind's result
 * nor writes inside a result. Names that become folder names follow {@link #checkName}.
 *
 * <p>Usage: {@code try (AtomicOutput out = AtomicOutput.begin(dest, kind)) { write into out.dir(); out.commit(); }}
 *
 * <p>A single file (the JSON of {@code metrics --out} or {@code bench --out}, a cell of the
 * sweep's resume cache) is replaced the same way by {@link #writeFile}: written as a hidden
 * temporary file next to it, forced to disk, then renamed over it.
 */
public final class AtomicOutput implements AutoCloseable {
    private static final Pattern LEFTOVER = Pattern.compile("\\.(tmp|old)-(\\d+)-[A-Za-z0-9]+");

    /**
     * A hidden file written into every output folder. An existing destination is replaced only if
     * it is empty or carries this marker (or a summary.json, as every lesde run writes): a
     * mistyped {@code --out .} or {@code --out ~} must never wipe a folder lesde did not write.
     */
    public static final String MARKER = ".lesde-output";

    /**
     * What wrote an output folder, recorded in its {@link #MARKER} ({@code kind: simulate}): a
     * command replaces only a folder of its own kind (or an empty one, or one without a recorded
     * kind), so {@code check --out output/run} never wipes the result of {@code simulate}.
     */
    public enum Kind {
        SIMULATE("simulate"), CHECK("check"), CONVERGENCE("convergence"), FIT("fit"),
        /** a sweep, a shard of one, or the merge of shards (one kind: merge writes what sweep writes) */
        SWEEP("sweep");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Kind byKey(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * Longest name of a model or sweep (and so of its default output folder). Names use only
     * {@link #NAME_CHARS}, so this is also their length in bytes: with lesde's suffixes
     * ({@code -convergence}, {@code -shard-i-of-n}, the hidden {@code .NAME.tmp-PID-NONCE} and
     * {@code .NAME.cells-HASH}) a file name stays far below the 255-byte limit of common file
     * systems.
     */
    public static final int NAME_MAX = 100;

    /** The characters a name may use (portable on every common file system, no shell quoting). */
    public static final String NAME_CHARS = "letters A-Z a-z, digits, '.', '_' and '-'";

    /**
     * Longest last component of an {@code --out} path, in UTF-8 bytes: the hidden staging and
     * cache names add about 40 bytes, and 255 bytes is the limit of common file systems.
     */
    public static final int OUT_NAME_MAX_BYTES = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final Path destination;
    private final Path staging;
    private final Thread cleanupHook;
    private final Object lock = new Object();
    private boolean committed;
    private boolean aborted;
    private Path parked;

    private AtomicOutput(Path destination, Path staging) {
        this.destination = destination;
        this.staging = staging;
        this.cleanupHook = new Thread(this::abortOnShutdown, "lesde-output-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    /**
     * The one rule for names that become folder names (a model's or sweep's {@code name}, and so
     * the default output folder): 1 to {@link #NAME_MAX} characters among {@link #NAME_CHARS},
     * not starting with '.' (so never {@code .} or {@code ..}, never hidden, never one of lesde's
     * own hidden staging names). Returns the name.
     *
     * @param field the key or option that gave the name
     */
    public static String checkName(String field, String name) {
        if (name.length() > NAME_MAX) {
            throw new BadInputException(field + " must be at most " + NAME_MAX + " characters (it names the output folder), got "
                    + Require.quoted(name));
        }
        if (!NAME.matcher(name).matches()) {
            throw new BadInputException(field + " must be a plain folder name: " + NAME_CHARS + ", not starting with '.', got "
                    + Require.quoted(name));
        }
        return name;
    }

    /**
     * The output folder of a command: {@code out} if given, else {@code fallback} (derived from a
     * name), checked by {@link #checkDestination(Path, String, Kind)} before any work. Commands
     * call this first thing, so a bad destination costs nothing and writes nothing.
     */
    public static Path destination(Path out, Path fallback, Kind kind) {
        Path dest = out != null ? out : fallback;
        checkDestination(dest, out != null ? "--out" : "--out (default)", kind);
        return dest;
    }

    /** {@link #checkDestination(Path, String, Kind)} without a kind: any lesde result may be replaced. */
    public static void checkDestination(Path destination, String field) {
        checkDestination(destination, field, null);
    }

    /**
     * Checks, without creating anything, that {@code destination} can be an output folder of
     * {@code kind}: it has a file name of at most {@link #OUT_NAME_MAX_BYTES} bytes; it is not an
     * existing file; no folder on its way is a file; the nearest existing folder on its way is
     * writable; it is not inside another lesde result (replacing that one would delete it); and
     * an existing folder is empty or a result of the same kind (see {@link #requireReplaceable}).
     * Every failure is bad input (exit 2) naming {@code field}.
     *
     * @param field the option that named the folder ({@code --out})
     * @param kind what will be written (null: any lesde result may be replaced)
     */
    public static void checkDestination(Path destination, String field, Kind kind) {
        Path dest = absolute(destination, field);
        String given = Require.quoted(destination.toString());
        if (dest.getFileName() == null) {
            throw new BadInputException(field + " must name a folder to create or replace, got " + given);
        }
        int bytes = dest.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > OUT_NAME_MAX_BYTES) {
            throw new BadInputException(field + " " + given + ": the folder name is " + bytes + " bytes, at most "
                    + OUT_NAME_MAX_BYTES + " are allowed (file systems take 255 with lesde's hidden work folders)");
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(field + " " + given + " exists and is not a folder");
        }
        requireWritableParent(dest, given, field);
        for (Path p = dest.getParent(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException(field + " " + given + " is inside " + Require.quoted(p.toString())
                        + ", the result of another lesde run (which its next run replaces whole): choose a folder outside it");
            }
        }
        requireReplaceable(dest, given, field, kind);
    }

    /**
     * Checks, without creating anything, that {@code file} can be written by {@link #writeFile}:
     * not a folder, a name of at most {@link #OUT_NAME_MAX_BYTES} bytes, no file on its way, the
     * nearest existing folder writable. {@code metrics --out} and {@code bench --out} call this
     * before their work.
     */
    public static void checkFile(Path file, String field) {
        Path target = absolute(file, field);
        String given = Require.quoted(file.toString());
        if (target.getFileName() == null || Files.isDirectory(target)) {
            throw new BadInputException(field + " " + given + " is a folder, expected a file name");
        }
        int bytes = target.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > OUT_NAME_MAX_BYTES) {
            throw new BadInputException(field + " " + given + ": the file name is " + bytes + " bytes, at most "
                    + OUT_NAME_MAX_BYTES + " are allowed");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new BadInputException(field + " " + given + " exists and cannot be replaced (permission denied)");
        }
        requireWritableParent(target, given, field);
    }

    private static Path absolute(Path p, String field) {
        try {
            return p.toAbsolutePath().normalize();
        } catch (java.io.IOError | java.nio.file.InvalidPathException e) {
            throw new BadInputException(field + " is not a valid path, got " + Require.quoted(p.toString()));
        }
    }

    /** The nearest existing folder on the way to {@code dest} is a folder we may create entries in. */
    private static void requireWritableParent(Path dest, String given, String field) {
        for (Path p = dest.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new BadInputException(field + " " + given + ": " + Require.quoted(p.toString()) + " is a file, not a folder");
                }
                boolean readOnly;
                try {
                    readOnly = Files.getFileStore(p).isReadOnly();
                } catch (IOException e) {
                    readOnly = false; // let the run report it
                }
                if (readOnly || !Files.isWritable(p)) {
                    throw new BadInputException(field + " " + given + ": cannot write into " + Require.quoted(p.toString())
                            + (readOnly ? " (read-only file system)" : " (permission denied)"));
                }
                return;
            }
        }
    }

    /** The kind recorded in an output folder's marker; null when there is no marker or no kind in it. */
    static Kind recordedKind(Path dir) {
        Path m = dir.resolve(MARKER);
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
                if (line.startsWith("kind: ")) {
                    return Kind.byKey(line.substring(6).trim());
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
        return null;
    }

    /**
     * Refuses to replace an existing folder that lesde did not write: one that holds the current
     * folder, or is not empty and has neither {@link #MARKER} nor summary.json; and (kind not
     * null) one whose marker records another kind of result.
     */
    static void requireReplaceable(Path dest, String given, String field, Kind kind) {
        if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (cwd.startsWith(dest)) {
            throw new BadInputException(field + " " + given + " is the current folder or contains it; results replace the"
                    + " whole output folder, so choose a folder of their own");
        }
        boolean empty;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dest)) {
            empty = !ds.iterator().hasNext();
        } catch (IOException e) {
            throw new BadInputException(field + " " + given + " cannot be read: " + describe(e));
        }
        if (!empty && !Files.exists(dest.resolve(MARKER)) && !Files.exists(dest.resolve("summary.json"))) {
            throw new BadInputException(field + " " + given + " exists, is not empty and was not written by lesde (no "
                    + MARKER + " or summary.json); results replace the whole folder, so choose another folder or empty it");
        }
        Kind recorded = empty ? null : recordedKind(dest);
        if (kind != null && recorded != null && recorded != kind) {
            throw new BadInputException(field + " " + given + " holds the result of 'lesde " + recorded.key() + "', which this "
                    + kind.key() + " run would replace whole: choose another folder or delete it");
        }
    }

    /**
     * Creates the staging folder for {@code destination} (its parent is created if needed), after
     * recovering from earlier runs of the same destination that were killed.
     */
    public static AtomicOutput begin(Path destination) {
        return begin(destination, null);
    }

    /**
     * {@link #begin(Path)} for a result of {@code kind}, recorded in the marker (null: none
     * recorded). The destination is checked again ({@link #checkDestination(Path, String, Kind)}),
     * as commands already did before their work, in case it changed meanwhile.
     */
    public static AtomicOutput begin(Path destination, Kind kind) {
        checkDestination(destination, "--out", kind);
        Path dest = destination.toAbsolutePath().normalize();
        AtomicOutput out = null;
        try {
            Path parent = dest.getParent();
            Files.createDirectories(parent);
            recover(dest);
            requireReplaceable(dest, Require.quoted(destination.toString()), "--out", kind);
            // the hook is registered before the staging folder exists, so a signal at any moment
            // after this line finds it and removes what exists
            out = new AtomicOutput(dest, parent.resolve(hidden(dest, "tmp")));
            synchronized (out.lock) {
                if (out.aborted) {
                    throw new RunFailedException("interrupted: results not written to " + destination);
                }
                Files.createDirectory(out.staging);
            }
            Files.writeString(out.staging.resolve(MARKER), "Written by lesde" + (kind == null ? "" : " " + kind.key())
                    + ". The next run with this output folder replaces it whole.\n" + (kind == null ? "" : "kind: " + kind.key() + "\n"));
            return out;
        } catch (IOException e) {
            if (out != null) {
                out.close();
            }
            throw new RunFailedException("cannot create the output folder " + destination + ": " + describe(e), e);
        }
    }

    /**
     * Replaces one file atomically: {@code writer} writes a hidden temporary file next to
     * {@code file} (its folder is created if needed), which is then forced to disk and renamed
     * over {@code file}. On any failure the temporary file is removed and {@code file} keeps its
     * previous content.
     *
     * @param field the option or setting that named the file, for messages
     */
    public static void writeFile(Path file, String field, Consumer<Path> writer) {
        Path target = file.toAbsolutePath().normalize();
        if (target.getFileName() == null || Files.isDirectory(target)) {
            throw new BadInputException(field + " " + file + ": is a folder, expected a file name");
        }
        Path tmp = target.resolveSibling(hidden(target, "tmp"));
        try {
            Files.createDirectories(target.getParent());
            writer.accept(tmp);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + file + ": " + describe(e), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // best effort
            }
        }
    }

    /** {@link #writeFile} of a text (UTF-8). */
    public static void writeFile(Path file, String field, CharSequence text) {
        writeFile(file, field, tmp -> writeText(tmp, text));
    }

    /** Writes a text file (UTF-8) into a staging folder ({@link #dir()}) or as the temporary file of {@link #writeFile}. */
    public static void writeText(Path file, CharSequence text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + file + ": " + describe(e), e);
        }
    }

    /** .NAME.KIND-PID-NONCE */
    private static String hidden(Path dest, String kind) {
        String nonce = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        return "." + dest.getFileName() + "." + kind + "-" + ProcessHandle.current().pid() + "-" + nonce;
    }

    /**
     * Cleans up after killed runs of {@code dest}: staging folders of dead processes are deleted;
     * a previous result parked by a dead process is moved back if the destination is missing
     * (the process died between the two renames of its commit), deleted otherwise.
     */
    static void recover(Path dest) throws IOException {
        Path parent = dest.getParent();
        String prefix = "." + dest.getFileName();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : ds) {
                Matcher m = LEFTOVER.matcher(p.getFileName().toString().substring(prefix.length()));
                if (!m.matches() || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(2));
                if (isAlive(pid)) {
                    continue; // a concurrent run owns it
                }
                if (m.group(1).equals("old") && !Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                    move(p, dest);
                } else {
                    deleteQuietly(p);
                }
            }
        }
    }

    /** Whether a process id belongs to a live process on this machine. */
    static boolean isAlive(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The folder to write into while the run is in progress. */
    public Path dir() {
        return staging;
    }

    /** The final destination. */
    public Path destination() {
        return destination;
    }

    /** Resolves a file name inside the staging folder. */
    public Path file(String name) {
        return staging.resolve(name);
    }

    /**
     * Forces the staged files to disk, then moves the staging folder into place. The previous
     * destination (if any) is parked first and deleted after the new folder is in place.
     */
    public void commit() {
        Path old = null;
        synchronized (lock) {
            if (committed) {
                return;
            }
            if (aborted) {
                throw new RunFailedException("interrupted: results not written to " + destination);
            }
            sync(staging);
            try {
                if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                    old = destination.resolveSibling(hidden(destination, "old"));
                    move(destination, old);
                    parked = old;
                }
                try {
                    move(staging, destination);
                } catch (IOException e) {
                    if (old != null) {
                        move(old, destination); // put the previous result back
                        parked = null;
                    }
                    throw e;
                }
                committed = true;
                parked = null;
            } catch (IOException e) {
                throw new RunFailedException("cannot move results into " + destination + ": " + describe(e), e);
            }
        }
        syncDir(destination.getParent());
        if (old != null) {
            deleteQuietly(old);
        }
    }

    /** The shutdown hook: runs when the JVM is stopped by a signal (or System.exit) before commit. */
    private void abortOnShutdown() {
        synchronized (lock) {
            aborted = true;
            if (committed) {
                return;
            }
            removeStaging();
            if (parked != null && !Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    move(parked, destination);
                } catch (IOException e) {
                    // left parked: the next begin() of this destination moves it back
                }
            }
        }
    }

    /**
     * Deletes the staging folder at shutdown. Other threads of the run keep going while shutdown
     * hooks run, so a file being written when the hook deletes the folder can make the delete
     * fail: retry a few times. (Writers only create files inside the staging folder, never the
     * folder itself, so once it is gone it stays gone.)
     */
    private void removeStaging() {
        for (int attempt = 0; attempt < 50 && Files.exists(staging, LinkOption.NOFOLLOW_LINKS); attempt++) {
            deleteQuietly(staging);
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** fsync every regular file in dir, then dir itself (best effort: some file systems refuse). */
    private static void sync(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        c.force(true);
                    }
                }
            }
        } catch (IOException e) {
            throw new RunFailedException("cannot write results next to " + dir.getParent() + ": " + describe(e), e);
        }
        syncDir(dir);
    }

    private static void syncDir(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported for folders on every platform / file system
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (" + m + ")";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + " (" + fse.getFile() + ")";
        }
        return m == null ? e.toString() : m.replace('\n', ' ');
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!committed) {
                deleteQuietly(staging);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException e) {
            // JVM already shutting down: the hook runs anyway.
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
