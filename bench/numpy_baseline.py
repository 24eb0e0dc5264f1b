#!/usr/bin/env python3
"""A hand-written NumPy baseline of lesde's `paper-k3` and `logits-k100` bench workloads.

What a researcher would write without lesde: the LE-ODE class means tabulated at every step
(classic RK4 on the structured residual-source drift, O(Kp) per evaluation), then the mean-closure
LE-SDE for all paths at once, vectorised over paths:
    X <- X + (Xbar(t_{n+1}) - Xbar(t_n)) + sqrt(h)*sigma*sqrt(dt)*Z,   Z ~ N(0, I)
with a NaN/Inf check every step, the per-coordinate mean and sd over paths at the output rows and
5 kept paths, as lesde's run keeps them. Same sizes as `lesde bench` (docs/performance.md).
Prints one JSON object per timed run: {"workload", "seconds", "paths", "steps", "components"}.

usage: numpy_baseline.py WORKLOAD [--reps N] [--warmup N] [--seed S]
"""
import argparse
import json
import time

import numpy as np

WORKLOADS = {
    # name: (K = p, paths, steps, dt, outputs)
    "paper-k3": (3, 10_000, 1_000, 0.01, 100),
    "logits-k100": (100, 256, 200, 0.01, 2),
}
ALPHA, BETA, SIGMA, STEP_SIZE, SPREAD = 2.0, -0.5, 1.0, 0.01, 0.05


def residual_directions(k, p):
    """u_k = r_k/|r_k|, r_k = e_k - (1/K)1 on the first K coordinates (K x p)."""
    u = np.zeros((k, p))
    u[:, :k] = np.eye(k) - 1.0 / k
    return u / np.linalg.norm(u, axis=1, keepdims=True)


def drift(x, u, k):
    """(1/K) A X for the residual-source transform, two-level impact: x is K x p."""
    s = np.einsum("kp,kp->k", u, x)  # s_k' = u_k' . X_k'
    total = (s[:, None] * u).sum(axis=0)  # sum_k' s_k' u_k'
    return ((ALPHA - BETA) * s[:, None] * u + BETA * total[None, :]) / k


def run(name, rng):
    k, paths, steps, dt, outputs = WORKLOADS[name]
    p, n = k, k * k
    u = residual_directions(k, p)
    mean0 = rng.standard_normal((k, p))
    # LE-ODE table at every step (RK4)
    table = np.empty((steps + 1, n))
    y = mean0.copy()
    table[0] = y.ravel()
    for i in range(steps):
        k1 = drift(y, u, k)
        k2 = drift(y + 0.5 * dt * k1, u, k)
        k3 = drift(y + 0.5 * dt * k2, u, k)
        k4 = drift(y + dt * k3, u, k)
        y = y + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        table[i + 1] = y.ravel()
    inc = np.diff(table, axis=0)
    out_steps = {round(r * steps / outputs): r for r in range(outputs + 1)}
    means = np.empty((outputs + 1, n))
    sds = np.empty((outputs + 1, n))
    kept = np.empty((5, outputs + 1, n))
    x = mean0.ravel()[None, :] + SPREAD * rng.standard_normal((paths, n))
    scale = np.sqrt(STEP_SIZE) * SIGMA * np.sqrt(dt)
    z = np.empty((paths, n))
    for i in range(steps + 1):
        r = out_steps.get(i)
        if r is not None:
            means[r] = x.mean(axis=0)
            sds[r] = x.std(axis=0, ddof=1)
            kept[:, r] = x[:5]
        if i == steps:
            break
        rng.standard_normal(out=z)
        x += inc[i]
        x += scale * z
        if not np.isfinite(x).all():
            raise SystemExit(f"blow-up at step {i + 1}")
    return means, sds, kept, (paths, steps, n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workload", choices=sorted(WORKLOADS))
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    for _ in range(a.warmup):
        run(a.workload, rng)
    for _ in range(a.reps):
        t0 = time.perf_counter()
        _, _, _, (paths, steps, n) = run(a.workload, rng)
        dt = time.perf_counter() - t0
        print(json.dumps({"workload": a.workload, "seconds": dt, "paths": paths, "steps": steps, "components": n}),
              flush=True)


if __name__ == "__main__":
    main()
