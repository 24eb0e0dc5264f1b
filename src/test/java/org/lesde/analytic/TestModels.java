package org.lesde.analytic;

import java.nio.file.Path;

import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;

/** Small models for tests, written as model-file YAML. */
public final class TestModels {
    private TestModels() {
    }

    /** The shipped model files. */
    public static final String[] SHIPPED = {"default", "identity-k3", "logits-k10", "multiplicative", "non-separating"};

    public static LeModel shipped(String name) {
        return ModelFile.read(Path.of("models", name + ".yaml"));
    }

    /** A model from YAML text (table files resolved against the working directory). */
    public static LeModel parse(String yaml) {
        return ModelFile.parse(yaml, "test", Path.of("."), "test.yaml");
    }

    /**
     * K classes, dim p, the given impact / transform / init YAML fragments, additive noise 1,
     * horizon T with dt.
     */
    public static LeModel model(int k, int p, String impact, String transform, String init, double horizon, double dt) {
        return parse("classes: " + k + "\ndim: " + p + "\nimpact: " + impact + "\ntransform: " + transform
                + "\nnoise: {type: additive, sigma: 1.0}\nstepSize: 0.01\ninit: " + init + "\ntime: {horizon: " + horizon
                + ", dt: " + dt + ", outputs: 20}\nsimulation: {paths: 64, seed: 3}\n");
    }
}
