package org.lesde.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.lesde.BadInputException;
import org.lesde.io.Npy;
import org.lesde.io.Npz;
import org.lesde.io.NumericCsv;

/**
 * The inputs of {@code lesde metrics} in any of its formats: features from CSV ({@link
 * FeatureMetrics#readFeatures}), {@code .npy} (N x p) or {@code .npz} (arrays {@code features},
 * {@code labels}, optionally {@code W}, {@code b}); labels from a column or a second file
 * ({@code .npy} or one-column CSV); the classifier W (K x p) and bias b (K entries) from CSV or
 * {@code .npy}. Every fault is one line naming the file: a shape mismatch, labels that are not
 * whole non-negative numbers, non-finite values, an input given twice.
 */
final class FeatureArrays {
    /** What was read: features with labels, W and b (null: none), and a description of W's source. */
    record Loaded(FeatureMetrics.Features features, double[] w, double[] b, String classifier) {
    }

    private FeatureArrays() {
    }

    static boolean isNpy(Path f) {
        return lower(f).endsWith(".npy") || Npy.hasMagic(f);
    }

    static boolean isNpz(Path f) {
        return lower(f).endsWith(".npz");
    }

    private static String lower(Path f) {
        return f.getFileName() == null ? "" : f.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    static Loaded load(FeatureMetrics.Inputs in) {
        Path file = in.features();
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        double[] w = null;
        double[] b = null;
        String wFrom = null;
        FeatureMetrics.Features f;
        if (isNpz(file)) {
            Map<String, Npy.Array> arrays = Npz.read(file, null);
            Npy.Array feats = arrays.get("features");
            if (feats == null) {
                throw new BadInputException(name + ": no array named 'features' (arrays: " + Npz.names(arrays) + ")");
            }
            Npy.Array labels = arrays.get("labels");
            if (labels != null && in.labels() != null) {
                throw new BadInputException("--labels: " + name + " holds 'labels' already: use one of them");
            }
            if (labels != null && in.labelColumn() != null) {
                throw new BadInputException("--label-column: " + name + " holds 'labels' already: use one of them");
            }
            f = fromArray(name + ": features", feats, labels == null ? null : labelsOf(name + ": labels", labels),
                    in);
            Npy.Array wa = arrays.get("W");
            Npy.Array ba = arrays.get("b");
            if (wa != null && in.classifier() != null) {
                throw new BadInputException("--classifier: " + name + " holds 'W' already: use one of them");
            }
            if (ba != null && in.bias() != null) {
                throw new BadInputException("--bias: " + name + " holds 'b' already: use one of them");
            }
            if (wa != null) {
                w = matrix(name + ": W", wa, f.classes(), f.dim());
                wFrom = file + " (W" + (ba != null ? ", b" : "") + ")";
            }
            if (ba != null) {
                if (wa == null && in.classifier() == null) {
                    throw new BadInputException(name + ": holds 'b' but no 'W' (a bias needs a classifier)");
                }
                b = vector(name + ": b", ba, f.classes());
            }
        } else if (isNpy(file)) {
            Npy.Array feats = Npy.read(file, null);
            f = fromArray(name, feats, null, in);
        } else {
            if (in.labels() != null && in.labelColumn() != null) {
                throw new BadInputException("--label-column: give either --labels FILE or --label-column, not both");
            }
            f = FeatureMetrics.readFeatures(file, in.labelColumn(), in.labels() != null);
            if (in.labels() != null) {
                f = withLabels(f, readLabels(in.labels()), name, in.labels());
            }
        }
        if (in.classifier() != null) {
            w = isNpy(in.classifier()) ? matrix("--classifier: " + in.classifier().getFileName(),
                    Npy.read(in.classifier(), "--classifier"), f.classes(), f.dim())
                    : FeatureMetrics.readClassifier(in.classifier(), f.classes(), f.dim());
            wFrom = in.classifier().toString();
        }
        if (in.bias() != null) {
            if (w == null) {
                throw new BadInputException("--bias: a bias needs a classifier (--classifier W, or W in a .npz)");
            }
            b = readBias(in.bias(), f.classes());
            wFrom = wFrom + ", bias " + in.bias();
        }
        return new Loaded(f, w, b, wFrom);
    }

    /** Features (and labels: given, from --labels, or a column of the array) of a 2-D array. */
    private static FeatureMetrics.Features fromArray(String name, Npy.Array a, int[] labels, FeatureMetrics.Inputs in) {
        if (a.shape().length != 2) {
            throw new BadInputException(name + ": features must be a 2-D array (N samples x p features), got shape "
                    + a.shapeText());
        }
        long rows = a.shape()[0];
        int cols = (int) a.shape()[1];
        double[] x = a.data();
        int labelCol = -1;
        if (labels == null && in.labels() != null) {
            if (in.labelColumn() != null) {
                throw new BadInputException("--label-column: give either --labels FILE or --label-column, not both");
            }
            labels = readLabels(in.labels());
        } else if (labels == null) {
            if (in.labelColumn() == null) {
                throw new BadInputException(name + ": holds features only (shape " + a.shapeText()
                        + "): give the labels with --labels LABELS.npy, or --label-column INDEX for a column of the array");
            }
            labelCol = FeatureMetrics.columnIndex(in.labelColumn(), cols, name);
        }
        int p = labelCol >= 0 ? cols - 1 : cols;
        if (p < 1) {
            throw new BadInputException(name + ": no feature columns left (shape " + a.shapeText() + ")");
        }
        if (rows == 0) {
            throw new BadInputException(name + ": no samples (shape " + a.shapeText() + ")");
        }
        int n = (int) rows;
        double[] feat = new double[n * p];
        int[] lab = labels;
        if (labelCol >= 0) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = x[i * cols + labelCol];
                for (int j = 0, c = 0; c < cols; c++) {
                    if (c != labelCol) {
                        feat[i * p + j++] = x[i * cols + c];
                    }
                }
            }
            lab = labels(name + ": label column " + labelCol, col);
        } else {
            feat = x;
        }
        for (int i = 0; i < feat.length; i++) {
            if (!Double.isFinite(feat[i])) {
                throw new BadInputException(name + ": sample " + (i / p) + ", feature " + (i % p) + " is not finite (" + feat[i] + ")");
            }
        }
        if (lab.length != n) {
            throw new BadInputException(name + ": shape mismatch: " + n + " samples (shape " + a.shapeText() + ") but "
                    + lab.length + " labels" + (in.labels() != null ? " in " + in.labels().getFileName() : ""));
        }
        int max = -1;
        for (int y : lab) {
            max = Math.max(max, y);
        }
        return FeatureMetrics.validated(name, feat, lab, max, p);
    }

    private static FeatureMetrics.Features withLabels(FeatureMetrics.Features f, int[] labels, String name, Path labelFile) {
        if (labels.length != f.labels().length) {
            throw new BadInputException(name + ": shape mismatch: " + f.labels().length + " samples but " + labels.length
                    + " labels in " + labelFile.getFileName());
        }
        int max = -1;
        for (int y : labels) {
            max = Math.max(max, y);
        }
        return FeatureMetrics.validated(name, f.x(), labels, max, f.dim());
    }

    /** Labels from a .npy (shape (N,) or (N, 1)) or a one-column CSV (optional header). */
    static int[] readLabels(Path file) {
        String name = "--labels: " + file.getFileName();
        if (isNpy(file)) {
            return labelsOf(name, Npy.read(file, "--labels"));
        }
        NumericCsv.Data d = NumericCsv.read(file, "--labels", NumericCsv.Options.defaults().withColumns(1));
        return labels(name, d.values(0));
    }

    private static int[] labelsOf(String name, Npy.Array a) {
        long[] s = a.shape();
        if (!(s.length == 1 || s.length == 2 && s[1] == 1)) {
            throw new BadInputException(name + ": labels must be a 1-D array of N labels, got shape " + a.shapeText());
        }
        return labels(name, a.data());
    }

    /** Whole non-negative numbers within the int range (integer dtypes, or floats such as 0.0, 1e0). */
    static int[] labels(String name, double[] v) {
        int[] y = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double d = v[i];
            if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new BadInputException(name + ": label " + i + " must be a whole number >= 0, got " + d);
            }
            y[i] = (int) d;
        }
        return y;
    }

    /** A K x p matrix from an array of shape (K, p). */
    private static double[] matrix(String name, Npy.Array a, int k, int p) {
        long[] s = a.shape();
        if (s.length != 2 || s[0] != k || s[1] != p) {
            throw new BadInputException(name + ": the classifier must have shape (K, p) = (" + k + ", " + p + "), got "
                    + a.shapeText());
        }
        return finite(name, a.data());
    }

    /** K entries from an array of shape (K,), (K, 1) or (1, K). */
    private static double[] vector(String name, Npy.Array a, int k) {
        long[] s = a.shape();
        boolean ok = s.length == 1 && s[0] == k || s.length == 2 && (s[0] == k && s[1] == 1 || s[0] == 1 && s[1] == k);
        if (!ok) {
            throw new BadInputException(name + ": the bias must have K = " + k + " entries (shape (" + k + ",)), got shape "
                    + a.shapeText());
        }
        return finite(name, a.data());
    }

    static double[] readBias(Path file, int k) {
        String name = "--bias: " + file.getFileName();
        if (isNpy(file)) {
            return vector(name, Npy.read(file, "--bias"), k);
        }
        NumericCsv.Data d = NumericCsv.read(file, "--bias", NumericCsv.Options.defaults().withoutHeader());
        double[] b = Arrays.stream(d.rows()).flatMapToDouble(Arrays::stream).toArray();
        if (b.length != k) {
            throw new BadInputException(name + ": the bias must have K = " + k + " entries (one row or one column), got "
                    + b.length);
        }
        return b;
    }

    private static double[] finite(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new BadInputException(name + ": entry " + i + " is not finite (" + v[i] + ")");
            }
        }
        return v;
    }
}
