package org.lesde.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecimationTest {
    @TempDir
    Path dir;

    /** A random walk with spikes: every slice's min and max, and the first and last points, must survive. */
    @Test
    void keepsEveryLocalEnvelopeAndTheEnds() {
        int n = 200_000;
        double[] x = new double[n];
        double[] y = new double[n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.01;
            y[i] = (i == 0 ? 0 : y[i - 1]) + r.nextGaussian() + (r.nextInt(5000) == 0 ? 50 * r.nextGaussian() : 0);
        }
        int buckets = 600;
        int[] keep = Decimate.minMax(x, y, buckets, false);
        assertTrue(keep.length <= 2 * buckets + 2, "kept " + keep.length + " of " + n);
        assertEquals(0, keep[0]);
        assertEquals(n - 1, keep[keep.length - 1]);
        for (int i = 1; i < keep.length; i++) {
            assertTrue(keep[i] > keep[i - 1], "indices increase");
        }
        boolean[] kept = new boolean[n];
        for (int k : keep) {
            kept[k] = true;
        }
        double lo = x[0];
        double hi = x[n - 1];
        double[] min = new double[buckets];
        double[] max = new double[buckets];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        double[] keptMin = min.clone();
        double[] keptMax = max.clone();
        for (int i = 0; i < n; i++) {
            int b = (int) Math.min(buckets - 1, Math.floor((x[i] - lo) / (hi - lo) * buckets));
            min[b] = Math.min(min[b], y[i]);
            max[b] = Math.max(max[b], y[i]);
            if (kept[i]) {
                keptMin[b] = Math.min(keptMin[b], y[i]);
                keptMax[b] = Math.max(keptMax[b], y[i]);
            }
        }
        assertArrayEquals(min, keptMin, 0.0, "every slice keeps its minimum");
        assertArrayEquals(max, keptMax, 0.0, "every slice keeps its maximum");
        // a global spike survives
        int arg = 0;
        for (int i = 0; i < n; i++) {
            arg = y[i] > y[arg] ? i : arg;
        }
        assertTrue(kept[arg]);
    }

    @Test
    void keepsGapsShortSeriesAndBandEnvelopes() {
        double[] x = new double[10_000];
        double[] y = new double[x.length];
        double[] hi = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = Math.sin(i * 0.05);
            hi[i] = y[i] + 1 + Math.cos(i * 0.3);
        }
        y[5000] = Double.NaN;
        int[] keep = Decimate.minMax(x, y, 100, false);
        List<Integer> k = Arrays.stream(keep).boxed().toList();
        assertTrue(k.contains(4999) && k.contains(5000) && k.contains(5001), "the gap and the points around it stay");
        int[] band = Decimate.band(x, y, hi, 100, false);
        double top = Arrays.stream(hi).max().getAsDouble();
        assertTrue(Arrays.stream(band).anyMatch(i -> hi[i] == top), "the band's top stays");
        double[] few = {1, 2, 3};
        assertArrayEquals(new int[] {0, 1, 2}, Decimate.minMax(few, few, 100, false));
        // a trajectory that is not increasing in x is left alone
        double[] back = {0, 2, 1, 3};
        assertEquals(4, Decimate.minMax(back, back, 1, false).length);
    }

    /** A logits-k10-sized figure (10 classes, curves and residual panels, 20 000 time points) stays well under 1 MB as SVG. */
    @Test
    void svgOfALogitsK10SizedFigureStaysUnderOneMegabyte() throws Exception {
        int k = 10;
        int n = 20_000;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 60.0 * i / (n - 1);
        }
        SplittableRandom r = new SplittableRandom(5);
        Panels p = Panels.grid(5, 560, 400);
        for (int c = 0; c < k; c++) {
            double[] ode = new double[n];
            double[] sde = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            double[] res = new double[n];
            double w = 0;
            for (int i = 0; i < n; i++) {
                ode[i] = Math.exp(t[i] / 13) - 1;
                w += 0.01 * r.nextGaussian();
                sde[i] = ode[i] + w;
                lo[i] = sde[i] - 0.5;
                hi[i] = sde[i] + 0.5;
                res[i] = w;
            }
            double[] ts = Arrays.copyOf(t, 30);
            double[] sgd = Arrays.copyOf(sde, 30);
            p.add(LineChart.titled("class " + c + ": class mean of x_" + c + "[" + c + "]").xLabel("t").yLabel("x")
                    .band("SDE ± 1 sd", t, lo, hi).colour(c).series("ODE", t, ode).colour(c).width(3.6f)
                    .dashed("SDE mean", t, sde).ink().markers("SGD", ts, sgd).colour(c));
            p.add(LineChart.titled("class " + c + ": residual").xLabel("t").yLabel("SDE − ODE")
                    .band("95 % band", t, lo, hi).colour(c).series("SDE − ODE", t, res).colour(c)
                    .dashed("0", new double[] {0, 60}, new double[] {0, 0}).ink());
        }
        List<Path> files = p.write(dir, "trajectories", PlotOptions.DEFAULT);
        Path svg = files.get(1);
        assertTrue(svg.toString().endsWith(".svg"));
        long size = Files.size(svg);
        assertTrue(size < 1_000_000, "trajectories.svg is " + size + " bytes");
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains("<use "), "repeated outlines are referenced");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.newDocumentBuilder().parse(svg.toFile());
        // one chart on its own too
        List<Path> one = LineChart.titled("long series").series("walk", t, t).write(dir, "one", PlotOptions.DEFAULT);
        assertTrue(Files.size(one.get(1)) < 200_000);
    }

    @Test
    void svgCompactionKeepsWhatIsDrawn() {
        String in = String.join("\n",
                "<g>",
                "    <line style=\"fill:none;stroke:rgb(1,2,3);\" x1=\"1.123456\" x2=\"2.5\" y1=\"3\" y2=\"4.00001\"/>",
                "    <line style=\"fill:none;stroke:rgb(1,2,3);\" x1=\"2.5\" x2=\"3\" y1=\"4.00001\" y2=\"5\"/>",
                "    <line style=\"fill:none;stroke:rgb(1,2,3);stroke-opacity:0;\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"1\"/>",
                "</g>");
        String out = SvgCompact.compact(in);
        assertTrue(out.contains("<path d=\"M1.1,3 L2.5,4 L3,5\" style=\"fill:none;stroke:rgb(1,2,3);\"/>"), out);
        assertTrue(!out.contains("stroke-opacity:0;"), out);
    }
}
