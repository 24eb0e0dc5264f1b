package org.lesde.cli;

import java.util.ArrayList;

import org.lesde.sde.Solver;

/** The solver names of the registry, for picocli's completion candidates and help. */
final class SolverNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    SolverNames() {
        super(Solver.keys());
    }
}
