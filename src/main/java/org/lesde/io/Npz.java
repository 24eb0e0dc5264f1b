package org.lesde.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.lesde.BadInputException;

/**
 * NumPy {@code .npz} archives ({@code np.savez}, {@code np.savez_compressed}): a zip of
 * {@code NAME.npy} members, stored or deflated, read with {@link java.util.zip.ZipFile} and
 * {@link Npy}. Messages name the archive and the member: {@code run.npz: labels.npy: truncated ...}.
 */
public final class Npz {
    private Npz() {
    }

    /**
     * Reads every {@code .npy} member of an archive, by array name (member name without
     * {@code .npy}), in archive order.
     *
     * @param field the option that named the file, prefixed to every message; may be null
     */
    public static Map<String, Npy.Array> read(Path file, String field) {
        String name = (field == null || field.isEmpty() ? "" : field + ": ") + file.getFileName();
        if (Files.isDirectory(file)) {
            throw new BadInputException(name + " is a folder, not a .npz file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException((field == null || field.isEmpty() ? "" : field + ": ") + "file not found: " + file);
        }
        Map<String, Npy.Array> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            for (ZipEntry e : entries) {
                if (e.isDirectory()) {
                    continue;
                }
                String member = e.getName();
                if (!member.endsWith(".npy")) {
                    throw new BadInputException(name + ": member '" + member + "' is not a .npy array (is this a NumPy .npz file?)");
                }
                String array = member.substring(0, member.length() - 4);
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(array, Npy.read(in, name + ": " + member, e.getSize()));
                } catch (ZipException | java.io.EOFException ex) {
                    throw new BadInputException(name + ": " + member + ": corrupt or truncated zip data ("
                            + YamlTree.oneLine(String.valueOf(ex.getMessage())) + ")");
                }
            }
        } catch (NoSuchFileException ex) {
            throw new BadInputException(name + ": file not found");
        } catch (AccessDeniedException ex) {
            throw new BadInputException(name + ": cannot read: permission denied");
        } catch (ZipException ex) {
            throw new BadInputException(name + ": not a valid .npz (zip) archive ("
                    + YamlTree.oneLine(String.valueOf(ex.getMessage())) + ")");
        } catch (IOException ex) {
            throw new BadInputException(name + ": cannot read: " + YamlTree.oneLine(String.valueOf(ex.getMessage())));
        }
        if (out.isEmpty()) {
            throw new BadInputException(name + ": the archive holds no arrays");
        }
        return out;
    }

    /** The array names of an archive's content, for messages: {@code features, labels}. */
    public static String names(Map<String, Npy.Array> arrays) {
        return String.join(", ", new ArrayList<>(arrays.keySet()));
    }
}
