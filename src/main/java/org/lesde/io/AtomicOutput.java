package org.lesde.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.lesde.RunFailedException;

/**
 * An output folder written atomically: files go into a hidden temporary folder next to the
 * destination, and {@link #commit()} swaps it into place only when the run is complete. If the
 * run fails or is interrupted (exception, SIGINT/SIGTERM through the shutdown hook) the
 * temporary folder is deleted and the previous contents of the destination stay untouched.
 *
 * <p>Usage: {@code try (AtomicOutput out = AtomicOutput.begin(dest)) { write into out.dir(); out.commit(); }}
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path destination;
    private final Path staging;
    private final Thread cleanupHook;
    private boolean committed;

    private AtomicOutput(Path destination, Path staging) {
        this.destination = destination;
        this.staging = staging;
        this.cleanupHook = new Thread(() -> deleteQuietly(staging), "lesde-output-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    /** Creates the staging folder for {@code destination} (its parent is created if needed). */
    public static AtomicOutput begin(Path destination) {
        Path dest = destination.toAbsolutePath().normalize();
        try {
            Path parent = dest.getParent();
            Files.createDirectories(parent);
            if (Files.exists(dest) && !Files.isDirectory(dest)) {
                throw new RunFailedException("output folder " + destination + " exists and is not a folder");
            }
            Path staging = Files.createTempDirectory(parent, "." + dest.getFileName() + ".tmp-");
            return new AtomicOutput(dest, staging);
        } catch (IOException e) {
            throw new RunFailedException("cannot create output folder next to " + destination + ": " + e.getMessage(), e);
        }
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
     * Moves the staging folder into place. The previous destination (if any) is renamed aside
     * first and deleted after the new folder is in place, so at every instant either the old or
     * the new complete result exists under the destination name.
     */
    public void commit() {
        try {
            Path old = null;
            if (Files.exists(destination)) {
                old = destination.resolveSibling("." + destination.getFileName() + ".old-" + ProcessHandle.current().pid());
                deleteQuietly(old);
                move(destination, old);
            }
            move(staging, destination);
            committed = true;
            if (old != null) {
                deleteQuietly(old);
            }
        } catch (IOException e) {
            throw new RunFailedException("cannot move results into " + destination + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteQuietly(staging);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException e) {
            // JVM already shutting down: the hook runs anyway.
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
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
