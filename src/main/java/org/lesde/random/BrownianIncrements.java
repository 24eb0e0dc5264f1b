package org.lesde.random;

/** A source of Brownian increments ΔW ~ N(0, Δ·I), consumed one step at a time. */
public interface BrownianIncrements {

    /** Fills dW with the next increment over a step of length dt. */
    void next(double dt, double[] dW);
}
