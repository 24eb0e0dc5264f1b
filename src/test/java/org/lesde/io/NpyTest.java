package org.lesde.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lesde.BadInputException;

/**
 * The .npy / .npz reader and writer: round trips for every dtype, order and byte order, files
 * written by NumPy 2 ({@code src/test/resources/npy}, made with np.save / np.savez /
 * np.savez_compressed / np.lib.format.write_array), and one-line refusals of malformed files.
 */
class NpyTest {
    @TempDir
    Path dir;

    /** The 7 x 3 features of docs/examples/features.csv, as stored in the NumPy fixtures. */
    static final double[] X = {2.1, -0.9, -1.0, 1.9, -1.1, -0.8, -1.0, 2.2, -1.1, -0.8, 1.8, -1.0, -1.1, -0.9, 2.0, -0.9,
        -1.0, 1.9, -1.0, -1.2, 2.1};
    static final double[] Y = {0, 0, 1, 1, 2, 2, 2};

    static Path resource(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> layouts() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (char kind : new char[] {'f'}) {
            for (int size : new int[] {4, 8}) {
                for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                    for (boolean fortran : new boolean[] {false, true}) {
                        b.add(Arguments.of(new Npy.Dtype(kind, size, o), fortran));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} fortran={1}")
    @MethodSource("layouts")
    void floatRoundTripsBitForBit(Npy.Dtype dtype, boolean fortran) throws IOException {
        Random r = new Random(3);
        long[] shape = {5, 4, 3};
        double[] v = new double[60];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10);
        }
        v[7] = Double.MIN_VALUE;
        v[8] = -0.0;
        v[9] = Double.MAX_VALUE;
        Path f = dir.resolve("a.npy");
        Npy.write(f, dtype, fortran, shape, v);
        Npy.Array a = Npy.read(f, null);
        assertArrayEquals(shape, a.shape());
        assertEquals(dtype.descr(), a.dtype().descr());
        for (int i = 0; i < v.length; i++) {
            double expected = dtype.size() == 8 ? v[i] : (double) (float) v[i];
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(a.data()[i]), "value " + i);
        }
        assertEquals(0, (Files.size(f) - 60L * dtype.size()) % 64, "the header is a multiple of 64 bytes");
    }

    @Test
    void integerDtypesRoundTrip() throws IOException {
        double[] v = {0, 1, 2, 127, 5, 3};
        for (char kind : new char[] {'i', 'u'}) {
            for (int size : new int[] {1, 2, 4, 8}) {
                for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                    Path f = dir.resolve(kind + "" + size + o + ".npy");
                    Npy.write(f, new Npy.Dtype(kind, size, o), false, new long[] {6}, v);
                    assertArrayEquals(v, Npy.read(f, null).data(), f.toString());
                }
            }
        }
        Path f = dir.resolve("neg.npy");
        Npy.write(f, new Npy.Dtype('i', 8, ByteOrder.BIG_ENDIAN), false, new long[] {2}, new double[] {-5, -1L << 40});
        assertArrayEquals(new double[] {-5, -1L << 40}, Npy.read(f, null).data());
    }

    @Test
    void writesTheBytesNumpyWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, Npy.Dtype.F8, false, new long[] {7, 3}, X);
        assertArrayEquals(Files.readAllBytes(resource("features_f8.npy")), out.toByteArray(), "np.save of the same array");
        // the header of a 3-D float64 C-order array as np.save writes it (checked against NumPy 2.4)
        String h = new String(Npy.header(Npy.Dtype.F8, false, new long[] {10, 201, 9}), StandardCharsets.ISO_8859_1);
        assertEquals(128, h.length());
        assertTrue(h.startsWith("\u0093NUMPY\u0001\u0000v\u0000{'descr': '<f8', 'fortran_order': False, 'shape': (10, 201, 9), }"), h);
        assertTrue(h.endsWith(" \n"));
    }

    @Test
    void readsWhatNumpyWrote() {
        for (String name : new String[] {"features_f8.npy", "features_f4_be_fortran.npy", "features_v2.npy", "features_v3.npy"}) {
            Npy.Array a = Npy.read(resource(name), null);
            assertArrayEquals(new long[] {7, 3}, a.shape(), name);
            for (int i = 0; i < X.length; i++) {
                double expected = name.contains("f4") ? (float) X[i] : X[i];
                assertEquals(expected, a.data()[i], 0, name + " value " + i);
            }
        }
        assertEquals(">f4", Npy.read(resource("features_f4_be_fortran.npy"), null).dtype().descr());
        for (String name : new String[] {"labels_i8.npy", "labels_u1.npy", "labels_i2_be.npy", "labels_f8.npy"}) {
            Npy.Array a = Npy.read(resource(name), null);
            assertArrayEquals(new long[] {7}, a.shape(), name);
            assertArrayEquals(Y, a.data(), name);
        }
        for (String name : new String[] {"run_stored.npz", "run_deflated.npz"}) {
            Map<String, Npy.Array> m = Npz.read(resource(name), null);
            assertEquals("features, labels, W, b", Npz.names(m), name);
            assertArrayEquals(X, m.get("features").data(), name);
            assertArrayEquals(Y, m.get("labels").data(), name);
            assertArrayEquals(new double[] {0.5, -0.25, 0.0}, m.get("b").data(), name);
        }
    }

    @Test
    void npzRoundTripWithStoredAndDeflatedEntries() throws IOException {
        for (int method : new int[] {ZipEntry.STORED, ZipEntry.DEFLATED}) {
            Path f = dir.resolve("m" + method + ".npz");
            Map<String, byte[]> members = Map.of("features.npy", npy(Npy.Dtype.F8, true, new long[] {7, 3}, X),
                    "labels.npy", npy(new Npy.Dtype('i', 4, ByteOrder.BIG_ENDIAN), false, new long[] {7}, Y));
            zip(f, members, method);
            Map<String, Npy.Array> m = Npz.read(f, "--x");
            assertArrayEquals(X, m.get("features").data());
            assertArrayEquals(Y, m.get("labels").data());
        }
    }

    static byte[] npy(Npy.Dtype d, boolean fortran, long[] shape, double[] v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, d, fortran, shape, v);
        return out.toByteArray();
    }

    static void zip(Path f, Map<String, byte[]> members, int method) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            for (Map.Entry<String, byte[]> e : members.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                ze.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setSize(e.getValue().length);
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    static String refusal(Path f) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> {
                    if (f.toString().endsWith(".npz")) {
                        Npz.read(f, null);
                    } else {
                        Npy.read(f, null);
                    }
                });
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.getFileName().toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    Path bytes(String name, byte[] b) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, b);
        return f;
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        byte[] full = Files.readAllBytes(resource("features_f8.npy"));
        for (int cut : new int[] {7, 9, 50, 127, 128, 200, full.length - 1}) {
            String m = refusal(bytes("t" + cut + ".npy", Arrays.copyOf(full, cut)));
            assertTrue(m.contains("truncated"), cut + ": " + m);
        }
        byte[] z = Files.readAllBytes(resource("run_deflated.npz"));
        String m = refusal(bytes("t.npz", Arrays.copyOf(z, z.length - 30)));
        assertTrue(m.contains("not a valid .npz"), m);
        byte[] longer = Arrays.copyOf(full, full.length + 8);
        assertTrue(refusal(bytes("long.npy", longer)).contains("unexpected bytes after the data"));
    }

    @Test
    void wrongMagicIsRefused() throws IOException {
        for (String text : new String[] {"label,f0\n0,1\n", "", "\u0093NUMPX\u0001\u0000", "PK\u0003\u0004junk"}) {
            String m = refusal(bytes("w" + text.length() + ".npy", text.getBytes(StandardCharsets.ISO_8859_1)));
            assertTrue(m.contains("wrong magic"), m);
        }
        assertTrue(refusal(bytes("v.npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 4, 0, 0, 0}))
                .contains("unsupported .npy format version 4.0"));
        assertTrue(refusal(bytes("csv.npz", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))).contains("not a valid .npz"));
    }

    @Test
    void unsupportedDtypesAndPicklesAreRefused() throws IOException {
        assertTrue(refusal(resource("object.npy")).contains("object arrays (pickled Python objects) are not supported"));
        assertTrue(refusal(resource("structured.npy")).contains("structured dtypes"));
        assertTrue(refusal(resource("complex.npy")).contains("unsupported dtype '<c16'"));
        assertTrue(refusal(resource("bool.npy")).contains("unsupported dtype '|b1'"));
        assertTrue(refusal(resource("unicode.npy")).contains("unsupported dtype '<U2'"));
        assertTrue(refusal(resource("float16.npy")).contains("unsupported dtype '<f2'"));
        Path z = dir.resolve("obj.npz");
        zip(z, Map.of("features.npy", Files.readAllBytes(resource("object.npy"))), ZipEntry.DEFLATED);
        String m = refusal(z);
        assertTrue(m.startsWith("obj.npz: features.npy: object arrays"), m);
    }

    @Test
    void malformedHeadersAreRefused() throws IOException {
        for (String dict : new String[] {"{'descr': '<f8', 'shape': (2,), }", "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", "not a dict", "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}"}) {
            byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] f = new byte[10 + h.length + 16];
            System.arraycopy(Npy.MAGIC, 0, f, 0, 6);
            f[6] = 1;
            f[8] = (byte) h.length;
            System.arraycopy(h, 0, f, 10, h.length);
            String m = refusal(bytes("h.npy", f));
            assertTrue(m.contains("header"), m);
        }
    }

    @Test
    void positionedWritesFillAFileInAnyOrder() throws IOException {
        // what paths.npy does: the header first, then blocks at their offsets in any order
        long[] shape = {4, 3};
        byte[] header = Npy.header(Npy.Dtype.F8, false, shape);
        Path f = dir.resolve("p.npy");
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            Npy.writeAt(ch, 0, java.nio.ByteBuffer.wrap(header));
            for (int row : new int[] {3, 0, 2, 1}) {
                var b = java.nio.ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
                for (int j = 0; j < 3; j++) {
                    b.putDouble(10 * row + j);
                }
                b.flip();
                Npy.writeAt(ch, header.length + row * 24L, b);
            }
        }
        assertArrayEquals(new double[] {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32}, Npy.read(f, null).data());
        try (OutputStream o = OutputStream.nullOutputStream()) {
            assertThrows(IllegalArgumentException.class, () -> Npy.write(o, Npy.Dtype.F8, false, new long[] {2, 2}, new double[3]));
        }
    }
}
