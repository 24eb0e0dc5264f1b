package org.lesde.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.io.Csv;

/** Rows formatted on several threads, a wave of blocks at a time, are the bytes of one thread writing them with {@link Csv#row}. */
class CsvRowsTest {
    @TempDir
    Path tmp;

    @Test
    void severalThreadsWriteTheBytesOfOne() throws IOException {
        int rows = 301;
        int cells = 5_000; // 1.5 million numbers: the parallel path, blocks of 52 rows, waves of several blocks
        assertTrue((long) rows * cells >= CsvRows.PARALLEL_CELLS);
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] v = new double[rows][cells];
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300,
            0.1, 1e7, 1e-3, 123456789.0};
        for (double[] row : v) {
            for (int j = 0; j < cells; j++) {
                row[j] = rnd.nextInt(20) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-12, 12));
            }
        }
        List<String> header = List.of("path", "t", "x");
        Path serial = tmp.resolve("serial.csv");
        try (Csv c = Csv.create(serial, header)) {
            for (int r = 0; r < rows; r++) {
                c.row(new String[] {Integer.toString(r % 7)}, prepend(0.01 * r, v[r]), 0, cells + 1);
            }
        }
        byte[] expected = Files.readAllBytes(serial);
        for (int threads : new int[] {1, 2, 3, 8}) {
            Path f = tmp.resolve("rows-" + threads + ".csv");
            try (Csv c = Csv.create(f, header)) {
                CsvRows.write(c, rows, 2 + cells, threads,
                        (r, out) -> Csv.append(out, new String[] {Integer.toString(r % 7), Double.toString(0.01 * r)}, v[r], 0, cells));
            }
            assertArrayEquals(expected, Files.readAllBytes(f), threads + " threads");
        }
    }

    private static double[] prepend(double t, double[] x) {
        double[] row = new double[x.length + 1];
        row[0] = t;
        System.arraycopy(x, 0, row, 1, x.length);
        return row;
    }
}
