package org.lesde.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.lesde.BadInputException;

/**
 * NumPy {@code .npy} files, read and written from the published format description (magic
 * {@code \x93NUMPY}, version 1.0 / 2.0 / 3.0, a little-endian u16 (1.0) or u32 (2.0, 3.0) header
 * length, then a Python dict literal with {@code 'descr'}, {@code 'fortran_order'} and
 * {@code 'shape'}, padded with spaces and terminated by {@code '\n'} so that the data starts at a
 * multiple of 64 bytes; then the raw array). Written here because no Java library kept by lesde
 * does this as well: this is small, exact (every value bit for bit), streaming, and names the file
 * and the fault in one line for every malformed input.
 *
 * <p>Read: numeric dtypes {@code f4 f8 i1 i2 i4 i8 u1 u2 u4 u8} in either byte order, C or
 * Fortran order, into a C-order {@code double[]} (integers exactly up to 2^53). Refused with a
 * one-line {@link BadInputException}: a wrong magic, an unknown version, a truncated header or
 * data, trailing bytes, object arrays (pickles), structured, complex, bool, string and other
 * dtypes, a malformed header dict. Written: {@code f8} / {@code f4} / integer dtypes, either order
 * and byte order ({@link #write}), and the header alone for a file filled in place
 * ({@link #header}).
 */
public final class Npy {
    /** The magic string's bytes. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** A supported element type: kind ('f', 'i' or 'u'), size in bytes and byte order. */
    public record Dtype(char kind, int size, ByteOrder order) {
        /** float64, little-endian: the dtype lesde writes. */
        public static final Dtype F8 = new Dtype('f', 8, ByteOrder.LITTLE_ENDIAN);

        /** The NumPy descr, e.g. {@code <f8}, {@code >i4}, {@code |u1}. */
        public String descr() {
            char o = size == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
            return "" + o + kind + size;
        }

        /** Whether it holds integers. */
        public boolean integer() {
            return kind != 'f';
        }

        /** Parses a descr; null if not a supported numeric dtype. */
        static Dtype parse(String descr) {
            if (descr.length() < 2) {
                return null;
            }
            char o = descr.charAt(0);
            String rest = descr.substring(1);
            ByteOrder order;
            switch (o) {
                case '<' -> order = ByteOrder.LITTLE_ENDIAN;
                case '>' -> order = ByteOrder.BIG_ENDIAN;
                case '|', '=' -> order = ByteOrder.nativeOrder();
                default -> {
                    order = ByteOrder.nativeOrder(); // no order character, e.g. "f8"
                    rest = descr;
                }
            }
            if (rest.length() != 2) {
                return null;
            }
            char kind = rest.charAt(0);
            int size = rest.charAt(1) - '0';
            boolean ok = switch (kind) {
                case 'f' -> size == 4 || size == 8;
                case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
                default -> false;
            };
            return ok ? new Dtype(kind, size, order) : null;
        }
    }

    /** An array: its shape, its values in C (row-major) order, the dtype it was stored with. */
    public record Array(long[] shape, double[] data, Dtype dtype) {
        /** The shape as NumPy prints it, e.g. {@code (7, 3)} or {@code (7,)}. */
        public String shapeText() {
            return Npy.shapeText(shape);
        }
    }

    /** The parsed header: dtype, order, shape, and the offset of the data. */
    record Header(Dtype dtype, boolean fortran, long[] shape, long dataOffset) {
        long count() {
            long n = 1;
            for (long s : shape) {
                n = Math.multiplyExact(n, s);
            }
            return n;
        }
    }

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @param field the option that named the file, prefixed to every message; may be null
     */
    public static Array read(Path file, String field) {
        String name = prefix(field) + file.getFileName();
        if (Files.isDirectory(file)) {
            throw new BadInputException(prefix(field) + file + " is a folder, not a .npy file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, Files.size(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(prefix(field) + "file not found: " + file);
        } catch (AccessDeniedException e) {
            throw new BadInputException(prefix(field) + "cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new BadInputException(prefix(field) + "cannot read " + file + ": " + YamlTree.oneLine(e.getMessage()));
        }
    }

    /**
     * Reads a {@code .npy} stream ({@code name} starts every message; {@code length} is the total
     * byte count if known, else -1). The stream is not closed.
     */
    public static Array read(InputStream raw, String name, long length) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        Header h = readHeader(in, name);
        long count;
        try {
            count = h.count();
        } catch (ArithmeticException e) {
            throw new BadInputException(name + ": shape " + shapeText(h.shape()) + " is too large");
        }
        long bytes = count * h.dtype().size();
        if (length >= 0 && length - h.dataOffset() < bytes) {
            throw new BadInputException(name + ": truncated: shape " + shapeText(h.shape()) + " " + h.dtype().descr()
                    + " needs " + bytes + " data bytes, the file has " + (length - h.dataOffset()));
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new BadInputException(name + ": shape " + shapeText(h.shape()) + " has more values than lesde reads at once ("
                    + count + ")");
        }
        double[] v = new double[(int) count];
        byte[] buf = new byte[1 << 16];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(h.dtype().order());
        int size = h.dtype().size();
        int per = buf.length / size;
        long done = 0;
        while (done < count) {
            int k = (int) Math.min(per, count - done);
            int want = k * size;
            int got = in.readNBytes(buf, 0, want);
            if (got < want) {
                throw new BadInputException(name + ": truncated: shape " + shapeText(h.shape()) + " " + h.dtype().descr()
                        + " needs " + bytes + " data bytes, got " + (done * size + got));
            }
            decode(bb, h.dtype(), v, (int) done, k);
            done += k;
        }
        if (in.read() >= 0) {
            throw new BadInputException(name + ": unexpected bytes after the data of shape " + shapeText(h.shape()) + " "
                    + h.dtype().descr());
        }
        if (h.fortran() && h.shape().length > 1) {
            v = fortranToC(v, h.shape());
        }
        return new Array(h.shape().clone(), v, h.dtype());
    }

    private static void decode(ByteBuffer bb, Dtype d, double[] v, int at, int k) {
        bb.clear();
        for (int i = 0; i < k; i++) {
            double x = switch (d.kind()) {
                case 'f' -> d.size() == 8 ? bb.getDouble() : bb.getFloat();
                case 'i' -> switch (d.size()) {
                    case 1 -> bb.get();
                    case 2 -> bb.getShort();
                    case 4 -> bb.getInt();
                    default -> (double) bb.getLong();
                };
                default -> switch (d.size()) {
                    case 1 -> bb.get() & 0xff;
                    case 2 -> bb.getShort() & 0xffff;
                    case 4 -> bb.getInt() & 0xffffffffL;
                    default -> unsigned(bb.getLong());
                };
            };
            v[at + i] = x;
        }
    }

    private static double unsigned(long x) {
        return x >= 0 ? x : (double) (x >>> 1) * 2.0 + (x & 1);
    }

    /** Reorders Fortran (column-major) data into C (row-major) order. */
    static double[] fortranToC(double[] f, long[] shape) {
        int d = shape.length;
        double[] c = new double[f.length];
        int[] idx = new int[d];
        long[] strideF = new long[d];
        long s = 1;
        for (int i = 0; i < d; i++) {
            strideF[i] = s;
            s *= shape[i];
        }
        for (int ci = 0; ci < c.length; ci++) {
            long fi = 0;
            for (int i = 0; i < d; i++) {
                fi += idx[i] * strideF[i];
            }
            c[ci] = f[(int) fi];
            for (int i = d - 1; i >= 0; i--) { // C order: last index fastest
                if (++idx[i] < shape[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return c;
    }

    /** Reorders C data into Fortran order. */
    static double[] cToFortran(double[] c, long[] shape) {
        int d = shape.length;
        double[] f = new double[c.length];
        int[] idx = new int[d];
        long[] strideF = new long[d];
        long s = 1;
        for (int i = 0; i < d; i++) {
            strideF[i] = s;
            s *= shape[i];
        }
        for (int ci = 0; ci < c.length; ci++) {
            long fi = 0;
            for (int i = 0; i < d; i++) {
                fi += idx[i] * strideF[i];
            }
            f[(int) fi] = c[ci];
            for (int i = d - 1; i >= 0; i--) {
                if (++idx[i] < shape[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return f;
    }

    static Header readHeader(InputStream in, String name) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 6 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
            throw new BadInputException(name + ": not a .npy file (wrong magic: expected \\x93NUMPY, got "
                    + bytesText(pre, Math.min(6, pre.length)) + ")");
        }
        if (pre.length < 8) {
            throw new BadInputException(name + ": truncated: the file ends inside the .npy preamble");
        }
        int major = pre[6] & 0xff;
        int minor = pre[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new BadInputException(name + ": unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lenBytes = major == 1 ? 2 : 4;
        byte[] lb = in.readNBytes(lenBytes);
        if (lb.length < lenBytes) {
            throw new BadInputException(name + ": truncated: the file ends inside the .npy header length");
        }
        long hlen = ByteBuffer.wrap(lb).order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xffffL;
        if (major > 1) {
            hlen = ByteBuffer.wrap(lb).order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xffffffffL;
        }
        if (hlen > 1 << 20) {
            throw new BadInputException(name + ": .npy header length " + hlen + " is implausibly large");
        }
        byte[] hb = in.readNBytes((int) hlen);
        if (hb.length < hlen) {
            throw new BadInputException(name + ": truncated: the file ends inside the .npy header (" + hb.length + " of " + hlen
                    + " bytes)");
        }
        String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(text, name, 6 + 2 + lenBytes + hlen);
        return h;
    }

    /** Parses the header dict literal. */
    static Header parseHeader(String text, String name, long dataOffset) {
        DictParser p = new DictParser(text, name);
        String descr = null;
        Boolean fortran = null;
        long[] shape = null;
        p.expect('{');
        while (!p.peek('}')) {
            String key = p.string();
            p.expect(':');
            switch (key) {
                case "descr" -> {
                    if (!p.peekString()) {
                        throw new BadInputException(name + ": structured dtypes (a 'descr' list) are not supported; "
                                + "save a plain float or integer array");
                    }
                    descr = p.string();
                }
                case "fortran_order" -> fortran = p.bool();
                case "shape" -> shape = p.tuple();
                default -> throw new BadInputException(name + ": unexpected key '" + key + "' in the .npy header");
            }
            if (!p.peek('}')) {
                p.expect(',');
            }
        }
        p.expect('}');
        p.end();
        if (descr == null || fortran == null || shape == null) {
            throw new BadInputException(name + ": the .npy header lacks " + (descr == null ? "'descr'"
                    : fortran == null ? "'fortran_order'" : "'shape'"));
        }
        Dtype d = Dtype.parse(descr);
        if (d == null) {
            String what = descr.contains("O") ? "object arrays (pickled Python objects) are not supported"
                    : "unsupported dtype '" + descr + "'";
            throw new BadInputException(name + ": " + what + "; lesde reads float32/float64 and integer arrays");
        }
        return new Header(d, fortran, shape, dataOffset);
    }

    /** A minimal reader of the header's Python literal: strings, True/False, tuples of ints. */
    private static final class DictParser {
        private final String s;
        private final String name;
        private int i;

        DictParser(String s, String name) {
            this.s = s;
            this.name = name;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean peek(char c) {
            space();
            return i < s.length() && s.charAt(i) == c;
        }

        boolean peekString() {
            return peek('\'') || peek('"');
        }

        void expect(char c) {
            if (!peek(c)) {
                throw bad("expected '" + c + "'");
            }
            i++;
        }

        String string() {
            space();
            if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
                throw bad("expected a quoted string");
            }
            char q = s.charAt(i++);
            int start = i;
            while (i < s.length() && s.charAt(i) != q) {
                i++;
            }
            if (i >= s.length()) {
                throw bad("unterminated string");
            }
            return s.substring(start, i++);
        }

        boolean bool() {
            space();
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw bad("expected True or False for 'fortran_order'");
        }

        long[] tuple() {
            expect('(');
            List<Long> v = new ArrayList<>();
            while (!peek(')')) {
                space();
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    throw bad("expected a non-negative integer in 'shape'");
                }
                try {
                    v.add(Long.parseLong(s.substring(start, i)));
                } catch (NumberFormatException e) {
                    throw bad("dimension too large in 'shape'");
                }
                if (i < s.length() && s.charAt(i) == 'L') {
                    i++; // Python 2 long literal
                }
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            long[] r = new long[v.size()];
            for (int k = 0; k < r.length; k++) {
                r[k] = v.get(k);
            }
            return r;
        }

        void end() {
            space();
            if (i < s.length()) {
                throw bad("unexpected text after the header dict");
            }
        }

        private BadInputException bad(String what) {
            return new BadInputException(name + ": malformed .npy header (" + what + " at character " + i + "): "
                    + abbreviate(s.strip()));
        }
    }

    /**
     * The complete header (preamble, dict, padding, '\n') of an array of this dtype, order and
     * shape, byte for byte as NumPy's {@code np.save} writes it: the dict, spare spaces for the
     * growth axis (21 digits), padding to a multiple of 64 bytes; version 1.0 unless the header
     * needs more than 65535 bytes (then 2.0).
     */
    public static byte[] header(Dtype dtype, boolean fortran, long[] shape) {
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shapeText(shape) + ", }";
        if (shape.length > 0) {
            dict += " ".repeat(Math.max(0, 21 - Long.toString(shape[fortran ? shape.length - 1 : 0]).length()));
        }
        int major = 1;
        int pre = 10;
        int total = pad(pre + dict.length() + 1);
        if (total - pre > 0xffff) {
            major = 2;
            pre = 12;
            total = pad(pre + dict.length() + 1);
        }
        byte[] h = new byte[total];
        Arrays.fill(h, (byte) ' ');
        System.arraycopy(MAGIC, 0, h, 0, 6);
        h[6] = (byte) major;
        h[7] = 0;
        ByteBuffer bb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            bb.putShort(8, (short) (total - pre));
        } else {
            bb.putInt(8, total - pre);
        }
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(d, 0, h, pre, d.length);
        h[total - 1] = '\n';
        return h;
    }

    /** NumPy's padding: up to the next multiple of 64, a full 64 when already aligned. */
    private static int pad(int n) {
        return n + 64 - n % 64;
    }

    /**
     * Writes an array whose values are given in C order, stored with the dtype (floats rounded to
     * float32 for {@code f4}; integers must be whole numbers in range) and in C or Fortran order.
     */
    public static void write(OutputStream out, Dtype dtype, boolean fortran, long[] shape, double[] cOrder) throws IOException {
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        if (count != cOrder.length) {
            throw new IllegalArgumentException("shape " + shapeText(shape) + " needs " + count + " values, got " + cOrder.length);
        }
        out.write(header(dtype, fortran, shape));
        double[] v = fortran && shape.length > 1 ? cToFortran(cOrder, shape) : cOrder;
        ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(dtype.order());
        for (double x : v) {
            if (bb.remaining() < 8) {
                out.write(bb.array(), 0, bb.position());
                bb.clear();
            }
            put(bb, dtype, x);
        }
        out.write(bb.array(), 0, bb.position());
    }

    /** Writes {@link #write} to a file (not atomically: callers write into a staging folder or temporary file). */
    public static void write(Path file, Dtype dtype, boolean fortran, long[] shape, double[] cOrder) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, dtype, fortran, shape, cOrder);
        }
    }

    private static void put(ByteBuffer bb, Dtype d, double x) {
        if (d.kind() == 'f') {
            if (d.size() == 8) {
                bb.putDouble(x);
            } else {
                bb.putFloat((float) x);
            }
            return;
        }
        if (x != Math.rint(x)) {
            throw new IllegalArgumentException("not a whole number for " + d.descr() + ": " + x);
        }
        long l = (long) x;
        switch (d.size()) {
            case 1 -> bb.put((byte) l);
            case 2 -> bb.putShort((short) l);
            case 4 -> bb.putInt((int) l);
            default -> bb.putLong(l);
        }
    }

    /** Writes doubles at a byte position of a channel (positioned: safe from several threads at once). */
    public static void writeAt(FileChannel ch, long position, ByteBuffer data) throws IOException {
        long pos = position;
        while (data.hasRemaining()) {
            pos += ch.write(data, pos);
        }
    }

    /** The shape as a Python tuple: {@code (7, 3)}, {@code (7,)}, {@code ()}. */
    public static String shapeText(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(shape[k]);
        }
        return sb.append(')').toString();
    }

    private static String bytesText(byte[] b, int n) {
        if (n == 0) {
            return "an empty file";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int k = 0; k < n; k++) {
            int c = b[k] & 0xff;
            if (c >= 32 && c < 127 && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format(Locale.ROOT, "\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }

    /** Whether a file starts with the .npy magic. */
    public static boolean hasMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(6), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    private static String prefix(String field) {
        return field == null || field.isEmpty() ? "" : field + ": ";
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? "\"" + s.substring(0, 57) + "...\"" : "\"" + s + "\"";
    }
}
