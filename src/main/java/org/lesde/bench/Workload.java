package org.lesde.bench;

import org.lesde.model.LeModel;
import org.lesde.modelfile.ModelFile;

/**
 * One benchmark workload: an ordinary model (exactly what {@code lesde simulate} would run, given
 * here as model-file YAML so it can be reproduced by hand) or, for {@code normals}, a count of
 * standard normals to draw.
 *
 * @param model   null for the {@code normals} workload
 * @param normals the number of normals per measurement (normals workload only)
 */
public record Workload(String name, String description, String yaml, LeModel model, long normals) {

    /** A model workload from model-file YAML. */
    static Workload model(String name, String description, String yaml) {
        return new Workload(name, description, yaml, ModelFile.parse(yaml, name, null, "bench:" + name), 0);
    }

    /** The normals workload. */
    static Workload normals(String description, long count) {
        return new Workload("normals", description, null, null, count);
    }

    public boolean isNormals() {
        return model == null;
    }

    /** Paths per run (for normals: the number of normals). */
    public long paths() {
        return isNormals() ? normals : model.simulation().paths();
    }

    /** Integration steps per path (1 for normals). */
    public long steps() {
        if (isNormals()) {
            return 1;
        }
        LeModel.Time t = model.time();
        return Math.round(t.horizon() / t.dt());
    }

    /** State components K·p (1 for normals). */
    public int components() {
        return isNormals() ? 1 : model.stateDim();
    }

    /** Path-steps per run. */
    public double pathSteps() {
        return (double) paths() * steps();
    }

    /** Component-steps per run (path-steps × K·p). */
    public double componentSteps() {
        return pathSteps() * components();
    }
}
