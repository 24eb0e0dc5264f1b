package org.lesde.sim;

/** Progress callback: called from any thread with the amount of work done out of the total. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    void update(long done, long total);
}
