package org.lesde.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps the full output trajectory of the first {@code keep} paths (for {@code sde_paths.csv}). */
public final class SamplePaths implements ChunkAccumulator {
    private final int keep;
    private final int rows;
    private final TreeMap<Long, double[][]> paths = new TreeMap<>();

    public SamplePaths(int keep, int rows) {
        this.keep = keep;
        this.rows = rows;
    }

    @Override
    public void observe(long path, int row, double t, double[] x) {
        if (path < keep) {
            paths.computeIfAbsent(path, p -> new double[rows][])[row] = x.clone();
        }
    }

    @Override
    public void mergeFrom(ChunkAccumulator later) {
        paths.putAll(((SamplePaths) later).paths);
    }

    /** The kept trajectories by path index: [row][coordinate]. */
    public List<Map.Entry<Long, double[][]>> paths() {
        return new ArrayList<>(paths.entrySet());
    }
}
