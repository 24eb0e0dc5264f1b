package org.lesde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.BadInputException;

class TrainingLogTest {
    @TempDir
    Path dir;

    private static TrainingLog parse(String text) throws IOException {
        return TrainingLog.read("log.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String message(String text) {
        return assertThrows(BadInputException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsAnyKWithExtraColumnsInAnyOrder() throws IOException {
        String log = "note,y_logit3,itr,y,y_logit0,trial,y_logit2,y_logit1,tr_loss\n"
                + "a,4,0,0,1,0,3,2,0.5\n"
                + "b,8,0,1,5,0,7,6,NaN\n"
                + "c,12,0,2,9,1,11,10,\n"
                + "d,16,0,3,13,1,15,14,0.1\n"
                + "e,20,1,3,17,0,19,18,0.1\n";
        TrainingLog t = parse(log);
        assertEquals(4, t.classes());
        assertEquals(5, t.rows());
        assertEquals(2, t.iterations());
        assertEquals(2, t.trials());
        assertEquals(17.0, t.logit(4, 0));
        assertEquals(20.0, t.logit(4, 3));
        ClassMeans m = t.classMeans();
        assertArrayEquals(new double[] {13, 14, 15, 16}, java.util.Arrays.copyOfRange(m.at(0), 12, 16));
        assertTrue(Double.isNaN(m.get(1, 0, 0)), "class 0 absent at itr 1 -> NaN mean");
        assertEquals(1, m.count(1, 3));
        assertEquals(3, m.emptyGroups());
    }

    @Test
    void gzipAndPlainGiveTheSameLog() throws IOException {
        String log = "trial,itr,smp,y,y_logit0,y_logit1,tr_loss,val_loss,val_acc\n"
                + "0,0,5,0,0.1,0.30000000000000004,1,NaN,NaN\n"
                + "0,0,6,1,-2.5e-3,1e300,1,NaN,NaN\n"
                + "1,1,6,1,3.0,4,1,NaN,NaN\n";
        Path plain = dir.resolve("a.csv");
        Files.writeString(plain, log);
        Path gz = dir.resolve("a.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(log.getBytes(StandardCharsets.UTF_8));
        }
        TrainingLog a = TrainingLog.read(plain);
        TrainingLog b = TrainingLog.read(gz);
        assertEquals(a.rows(), b.rows());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(a.logit(i, j), b.logit(i, j));
            }
        }
        assertEquals(0.30000000000000004, a.logit(0, 1));
        assertEquals(64, a.sha256().length());
    }

    @Test
    void nanLogitsAreSkippedInClassMeansLikePandas() throws IOException {
        String log = "trial,itr,y,y_logit0,y_logit1\n0,0,0,1,NaN\n1,0,0,3,5\n0,0,1,1,1\n";
        ClassMeans m = parse(log).classMeans();
        assertEquals(2.0, m.get(0, 0, 0));
        assertEquals(5.0, m.get(0, 0, 1));
    }

    @Test
    void missingColumnsAreNamed() {
        String msg = message("trial,itr,smp,y_logit0,y_logit2\n0,0,0,1,2\n");
        assertTrue(msg.contains("missing columns y, y_logit1"), msg);
        msg = message("trial,itr,y,tr_loss\n0,0,0,1\n");
        assertTrue(msg.contains("missing column y_logit0"), msg);
    }

    @Test
    void nonNumericCellNamesFileLineColumnAndValue() {
        String msg = message("trial,itr,y,y_logit0,y_logit1\n0,0,0,1,2\n0,0,1,abc,2\n");
        assertTrue(msg.contains("log.csv:3") && msg.contains("y_logit0") && msg.contains("\"abc\""), msg);
        msg = message("trial,itr,y,y_logit0,y_logit1\n0,0,0,1,2\n0,x,1,1,2\n");
        assertTrue(msg.contains("log.csv:3") && msg.contains("itr") && msg.contains("\"x\""), msg);
        msg = message("trial,itr,y,y_logit0,y_logit1\n0,0,0,1,1d\n");
        assertTrue(msg.contains("\"1d\""), msg);
    }

    @Test
    void badRowsAndLabelsAreRejected() {
        String msg = message("trial,itr,y,y_logit0,y_logit1\n0,0,0,1,2\n0,0,2,1,2\n");
        assertTrue(msg.contains("y = 2") && msg.contains("0..1"), msg);
        msg = message("trial,itr,y,y_logit0,y_logit1\n0,0,0,1,2,3\n");
        assertTrue(msg.contains("log.csv:2") && msg.contains("got 6"), msg);
        msg = message("trial,itr,y,y_logit0,y_logit1\n0,0,0,1\n");
        assertTrue(msg.contains("got 4"), msg);
        msg = message("trial,itr,y,y_logit0,y_logit1\n0,-1,0,1,2\n");
        assertTrue(msg.contains("itr must be >= 0"), msg);
        msg = message("");
        assertTrue(msg.contains("empty file"), msg);
        msg = message("trial,itr,y,y_logit0,y_logit1\n");
        assertTrue(msg.contains("no data rows"), msg);
    }

    @Test
    void classAbsentAtIterationZeroIsRejected() {
        String msg = message("trial,itr,y,y_logit0,y_logit1\n0,0,0,1,2\n0,1,1,1,2\n");
        assertTrue(msg.contains("class y = 1") && msg.contains("itr = 0"), msg);
    }

    @Test
    void missingIterationIsRejected() {
        String msg = message("trial,itr,y,y_logit0,y_logit1\n0,0,0,1,2\n0,0,1,1,2\n0,2,1,1,2\n0,3,1,1,2\n");
        assertTrue(msg.contains("itr = 1 has no rows"), msg);
        msg = message("trial,itr,y,y_logit0,y_logit1\n0,0,0,1,2\n0,0,1,1,2\n0,1000000000,1,1,2\n");
        assertTrue(msg.contains("itr reaches 1000000000"), msg);
    }

    /**
     * The 120,000-row GeoMNIST log read from its gzip file and from the plain CSV inside it gives the
     * same rows and the same class means, bit for bit (how fast it reads is not a unit test's
     * business: `lesde fit` reports its phases in fit.json's timings).
     */
    @Test
    void theGeomnistLogReadsTheSameGzippedAndPlain() throws IOException {
        byte[] gz;
        try (InputStream in = Oracle.resource(Oracle.LOG)) {
            gz = in.readAllBytes();
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz))) {
            in.transferTo(plain);
        }
        TrainingLog csv = TrainingLog.read("geomnist_k3_p0.csv", new ByteArrayInputStream(plain.toByteArray()));
        TrainingLog zipped = TrainingLog.read("geomnist_k3_p0.csv.gz", new ByteArrayInputStream(gz));
        assertEquals(120_000, csv.rows());
        assertEquals(csv.rows(), zipped.rows());
        assertEquals(csv.classes(), zipped.classes());
        double[][] a = csv.classMeans().values();
        double[][] b = zipped.classMeans().values();
        assertEquals(a.length, b.length);
        for (int t = 0; t < a.length; t++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a[t], b[t], 0.0, "iteration " + t);
        }
    }
}
