package org.lesde.sde;

/** Receives the state of one path at each output time (the array is reused: copy what you keep). */
@FunctionalInterface
public interface PathObserver {
    void observe(int outputIndex, double t, double[] x);
}
