package org.lesde.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;
import org.lesde.sim.Simulation;

/**
 * SHA-256 of the exact bits of a run without the monitor (LE-ODE output rows, ensemble mean and
 * sd at every output row), for bit-identity checks across thread counts and versions where
 * {@code simulate}'s CSVs are not at hand (only public API, so it also runs against an older jar):
 *
 * <pre>java -cp target/lesde.jar:target/test-classes org.lesde.bench.RunDigest MODEL.yaml THREADS</pre>
 */
public final class RunDigest {
    private RunDigest() {
    }

    public static void main(String[] args) throws Exception {
        LeModel m = ModelFile.read(Path.of(args[0]));
        if (args.length > 1) {
            m = m.withSimulation(m.simulation().withThreads(Integer.parseInt(args[1])));
        }
        Simulation.Result r = Simulation.run(m, Simulation.Config.defaults());
        MessageDigest ode = MessageDigest.getInstance("SHA-256");
        MessageDigest sde = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(8);
        for (double[] row : r.ode()) {
            for (double v : row) {
                ode.update(b.clear().putDouble(v).array());
            }
        }
        int n = m.stateDim();
        for (int row = 0; row < r.sde().rows(); row++) {
            for (int i = 0; i < n; i++) {
                sde.update(b.clear().putDouble(r.sde().mean(row, i)).array());
                sde.update(b.clear().putDouble(r.sde().sd(row, i)).array());
            }
        }
        System.out.println(m.name() + " threads " + r.threads() + ": ode " + HexFormat.of().formatHex(ode.digest())
                + " sde " + HexFormat.of().formatHex(sde.digest()));
    }
}
