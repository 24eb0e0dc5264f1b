package org.lesde.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesde.BadInputException;
import org.lesde.plot.PlotOptions;

class SweepPlotsTest {
    @TempDir
    Path dir;

    private static final String HEADER = "cell,impact.alpha.powerlaw.r,impact.alpha.powerlaw.c,seed,sep_prob_min,sep_prob_mean,etf_distance,nc1,t_sep";

    private void folder(Path d, String shard, String phase, String keys, String values, String header, List<String> rows)
            throws Exception {
        Files.createDirectories(d);
        String json = "{\"name\":\"phase\",\"hash\":\"abc\",\"seed\":1,\"threshold\":0.99,\"cells\":" + rows.size()
                + ",\"shard\":\"" + shard + "\",\"rows\":" + rows.size() + ",\"keys\":" + keys + ",\"values\":" + values
                + ",\"columns\":[\"" + header.replace(",", "\",\"") + "\"]" + phase + "}";
        Files.writeString(d.resolve("sweep.json"), json);
        Files.writeString(d.resolve("sweep.csv"), header + "\n" + String.join("\n", rows) + "\n");
    }

    /** The three heat maps from sweep.json and sweep.csv alone, NaN cells included, the threshold marked. */
    @Test
    void heatMapsFromTheFilesAlone() throws Exception {
        folder(dir, "all", ",\"phase\":{\"classes\":3,\"c_threshold\":1.5}",
                "[\"impact.alpha.powerlaw.r\",\"impact.alpha.powerlaw.c\"]", "[[0.5,1.0],[1.0,2.0]]", HEADER,
                List.of("0,0.5,1.0,1,1.0,1.0,0.001,0.01,30.0", "1,0.5,2.0,2,1.0,1.0,0.0001,0.001,10.0",
                        "2,1.0,1.0,3,0.59,0.7,0.13,0.2,NaN", "3,1.0,2.0,4,0.998,0.999,0.008,0.01,130.0"));
        List<Path> files = SweepPlots.redraw(dir, PlotOptions.DEFAULT);
        assertEquals(6, files.size());
        for (String f : List.of("sweep_sep_prob_min", "sweep_t_sep", "sweep_etf_distance")) {
            assertTrue(Files.size(dir.resolve(f + ".png")) > 1000, f);
            String svg = Files.readString(dir.resolve(f + ".svg"));
            assertTrue(svg.contains("<svg") && Files.size(dir.resolve(f + ".svg")) < 1_000_000, f);
        }
        assertTrue(SweepPlots.redraw(dir, PlotOptions.NONE).isEmpty());
        // drawn on three threads: the same files in the same order, byte for byte
        java.util.Map<Path, byte[]> serial = new java.util.LinkedHashMap<>();
        for (Path f : files) {
            serial.put(f, Files.readAllBytes(f));
        }
        List<Path> parallel = SweepPlots.redraw(dir, PlotOptions.DEFAULT, 3);
        assertEquals(files, parallel);
        for (Path f : parallel) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(serial.get(f), Files.readAllBytes(f), f.toString());
        }
    }

    @Test
    void oneAxisGivesLineChartsAndAShardNone() throws Exception {
        String header = "cell,noise.sigma,seed,sep_prob_min,sep_prob_mean,etf_distance,nc1,t_sep";
        folder(dir, "all", "", "[\"noise.sigma\"]", "[[0.1,1.0,10.0]]", header,
                List.of("0,0.1,1,1.0,1.0,0.01,0.1,10.0", "1,1.0,2,0.9,0.95,0.1,0.2,NaN", "2,10.0,3,0.6,0.7,0.5,0.9,NaN"));
        assertEquals(6, SweepPlots.redraw(dir, PlotOptions.DEFAULT).size());
        Path shard = dir.resolve("shard");
        folder(shard, "0/2", "", "[\"noise.sigma\"]", "[[0.1,1.0,10.0]]", header, List.of("0,0.1,1,1.0,1.0,0.01,0.1,10.0"));
        assertTrue(SweepPlots.redraw(shard, PlotOptions.DEFAULT).isEmpty());
        assertThrows(BadInputException.class, () -> SweepPlots.redraw(dir.resolve("missing"), PlotOptions.DEFAULT));
    }

    @Test
    void axisTitlesNameTheParameter() {
        assertEquals("c, scale of α(t) − β(t) = c/(1+t)^r", AxisNames.title("impact.alpha.powerlaw.c"));
        assertEquals("σ, noise scale", AxisNames.title("noise.sigma"));
        assertTrue(!AxisNames.title("simulation.sgd.particles").contains("."));
    }
}
