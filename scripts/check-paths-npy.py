#!/usr/bin/env python3
"""Checks a simulate output folder's paths.npy with NumPy (docs/simulate.md#saving-every-path):
np.load reads it; its shape is summary.json's saved_paths.shape; with every path saved, its mean
over paths equals sde_mean.csv (relative 1e-12: the two sums round differently); the paths also in
sde_paths.csv are equal bit for bit. Exit 0 when all hold, 1 otherwise.

Usage: python3 scripts/check-paths-npy.py OUTPUT_FOLDER
"""
import json
import os
import sys

import numpy as np


def main(folder):
    a = np.load(os.path.join(folder, "paths.npy"))
    with open(os.path.join(folder, "summary.json")) as f:
        summary = json.load(f)
    saved = summary["saved_paths"]
    problems = []
    if list(a.shape) != saved["shape"] or a.dtype != np.dtype("<f8") or not a.flags.c_contiguous:
        problems.append("shape/dtype %s %s, summary.json says %s" % (a.shape, a.dtype, saved["shape"]))
    mean = np.loadtxt(os.path.join(folder, "sde_mean.csv"), delimiter=",", skiprows=1, ndmin=2)
    n = a.shape[2]
    if a.shape[0] == summary["paths"]:
        err = np.max(np.abs(a.mean(axis=0) - mean[:, 1:1 + n]) / np.maximum(1.0, np.abs(mean[:, 1:1 + n])))
        if not err <= 1e-12:
            problems.append("mean over paths differs from sde_mean.csv by %.3g (relative)" % err)
    rows = np.loadtxt(os.path.join(folder, "sde_paths.csv"), delimiter=",", skiprows=1, ndmin=2)
    for p in np.unique(rows[:, 0]).astype(int):
        if p < a.shape[0] and not np.array_equal(rows[rows[:, 0] == p][:, 2:], a[p]):
            problems.append("path %d differs from sde_paths.csv" % p)
    for line in problems:
        print("check-paths-npy: " + line, file=sys.stderr)
    if not problems:
        print("paths.npy: shape %s, float64; matches sde_mean.csv and sde_paths.csv" % (a.shape,))
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
