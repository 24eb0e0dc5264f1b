package org.lesde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.lesde.BadInputException;

/** The derivative filter equals scipy's savgol_filter(x, w, 2, deriv=1) (interp edges). */
class SavitzkyGolayTest {

    /** Fixture made by src/test/resources/savgol/make_savgol_fixture.py with scipy. */
    @Test
    void matchesScipyFixture() throws IOException {
        JsonNode root;
        try (InputStream in = Oracle.resource("/savgol/savgol_fixture.json")) {
            root = new ObjectMapper().readTree(in);
        }
        double worst = 0;
        for (JsonNode c : root.get("cases")) {
            double[] x = array(c.get("x"));
            double[] want = array(c.get("deriv"));
            double[] got = SavitzkyGolay.derivative(x, c.get("window").asInt());
            double scale = 1;
            for (double v : x) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < x.length; i++) {
                double err = Math.abs(got[i] - want[i]);
                worst = Math.max(worst, err);
                // 1e-10 absolute; for the 1e3-offset case scipy's own coefficient rounding is ~1e-13
                assertEquals(want[i], got[i], 1e-10, c.get("name").asText() + " at " + i);
            }
        }
        System.out.printf("savgol vs scipy fixture: max abs err %.3e%n", worst);
    }

    /** Also on the oracle: Â_L of GeoMNIST with windows 151 and 21 (scipy 1.10 output). */
    @Test
    void matchesScipyOnOracleSeries() {
        Map<String, double[]> o = Oracle.series();
        String[][] cases = {{"A_I", "alpha_I_w151", "151"}, {"B_I", "beta_I_w151", "151"}, {"A_L", "alpha_L_w151", "151"},
            {"B_L", "beta_L_w151", "151"}, {"A_L", "alpha_L_w21", "21"}, {"B_L", "beta_L_w21", "21"}};
        for (String[] c : cases) {
            double[] got = SavitzkyGolay.derivative(o.get(c[0]), Integer.parseInt(c[2]));
            double[] want = o.get(c[1]);
            for (int t = 0; t < want.length; t++) {
                assertEquals(want[t], got[t], 1e-10, c[1] + " at " + t);
            }
        }
    }

    @Test
    void exactOnQuadraticsEverywhere() {
        double[] x = new double[60];
        for (int t = 0; t < x.length; t++) {
            x[t] = 0.25 * t * t - 7 * t + 3;
        }
        double[] d = SavitzkyGolay.derivative(x, 11);
        for (int t = 0; t < x.length; t++) {
            assertEquals(0.5 * t - 7, d[t], 1e-12);
        }
    }

    @Test
    void rejectsBadWindows() {
        double[] x = new double[30];
        BadInputException even = assertThrows(BadInputException.class, () -> SavitzkyGolay.derivative(x, 20));
        assertTrue(even.getMessage().contains("odd") && even.getMessage().contains("20"), even.getMessage());
        BadInputException small = assertThrows(BadInputException.class, () -> SavitzkyGolay.derivative(x, 3));
        assertTrue(small.getMessage().contains(">= 5"), small.getMessage());
        BadInputException big = assertThrows(BadInputException.class, () -> SavitzkyGolay.derivative(x, 31));
        assertTrue(big.getMessage().contains("31") && big.getMessage().contains("30"), big.getMessage());
    }

    private static double[] array(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
