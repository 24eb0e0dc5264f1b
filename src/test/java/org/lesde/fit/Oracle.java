package org.lesde.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The GeoMNIST fixture (src/test/resources/geomnist, copied from the shared data folder, see the
 * README there): the training log and what the official analysis code computes from it.
 */
final class Oracle {
    static final String LOG = "/geomnist/geomnist_k3_p0.csv.gz";
    static final String SERIES = "/geomnist/geomnist_k3_p0.oracle_series.csv.gz";
    static final String JSON = "/geomnist/geomnist_k3_p0.oracle.json";

    private static Map<String, double[]> series;
    private static JsonNode json;
    private static TrainingLog log;

    private Oracle() {
    }

    static synchronized TrainingLog log() {
        if (log == null) {
            try (InputStream in = resource(LOG)) {
                log = TrainingLog.read("geomnist_k3_p0.csv.gz", in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return log;
    }

    /** Oracle series columns by name. */
    static synchronized Map<String, double[]> series() {
        if (series == null) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource(SERIES)),
                    StandardCharsets.UTF_8))) {
                String[] head = r.readLine().split(",");
                List<double[]> rows = new ArrayList<>();
                String line;
                while ((line = r.readLine()) != null) {
                    String[] cells = line.split(",");
                    double[] row = new double[cells.length];
                    for (int i = 0; i < cells.length; i++) {
                        row[i] = Double.parseDouble(cells[i]);
                    }
                    rows.add(row);
                }
                Map<String, double[]> cols = new LinkedHashMap<>();
                for (int c = 0; c < head.length; c++) {
                    double[] col = new double[rows.size()];
                    for (int i = 0; i < col.length; i++) {
                        col[i] = rows.get(i)[c];
                    }
                    cols.put(head[c], col);
                }
                series = cols;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return series;
    }

    static synchronized JsonNode json() {
        if (json == null) {
            try (InputStream in = resource(JSON)) {
                json = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }

    /** leode_sim.initial_states (or final_states) as N x K² arrays, class-major. */
    static double[][] states(String key) {
        JsonNode s = json().get("leode_sim").get(key);
        double[][] out = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            JsonNode trial = s.get(i);
            int k = trial.size();
            out[i] = new double[k * k];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < k; j++) {
                    out[i][c * k + j] = trial.get(c).get(j).asDouble();
                }
            }
        }
        return out;
    }

    static InputStream resource(String name) {
        InputStream in = Oracle.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }
}
