#!/usr/bin/env python3
"""Generates savgol_fixture.json: scipy.signal.savgol_filter(x, w, polyorder=2, deriv=1) (mode
'interp', delta 1) on synthetic series, the reference for SavitzkyGolayTest.

Run from this folder: python3 make_savgol_fixture.py  (needs numpy and scipy; the committed
fixture was made with the versions recorded in it).
"""
import json

import numpy as np
import scipy
import scipy.signal

rng = np.random.default_rng(20211206)
cases = []


def add(name, x, w):
    x = np.asarray(x, dtype=float)
    y = scipy.signal.savgol_filter(x, window_length=w, polyorder=2, deriv=1)
    cases.append({"name": name, "window": w, "x": [float(v) for v in x], "deriv": [float(v) for v in y]})


walk = np.cumsum(rng.normal(size=400))
for w in (5, 7, 21, 151, 399):
    add(f"random walk n=400 w={w}", walk, w)
t = np.arange(300.0)
add("smooth + noise w=21", 16 * np.log1p(t) ** 0.9 + 0.01 * rng.normal(size=300), 21)
add("smooth + noise w=151", 16 * np.log1p(t) ** 0.9 + 0.01 * rng.normal(size=300), 151)
add("offset 1e3 w=51", 1e3 + rng.normal(size=200), 51)
add("n = w = 5", rng.normal(size=5), 5)
add("n = w = 151", rng.normal(size=151), 151)
add("quadratic (exact) w=9", 0.5 * t[:40] ** 2 - 3 * t[:40] + 2, 9)

with open("savgol_fixture.json", "w") as f:
    json.dump({"generator": "make_savgol_fixture.py", "numpy": np.__version__, "scipy": scipy.__version__,
               "call": "scipy.signal.savgol_filter(x, window_length=w, polyorder=2, deriv=1)",
               "cases": cases}, f)
