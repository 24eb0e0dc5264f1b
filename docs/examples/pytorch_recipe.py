#!/usr/bin/env python3
"""Bring your own training run to lesde (docs/pytorch.md).

Two plain Python + NumPy helpers that a PyTorch training loop calls with tensors' ``.numpy()``
arrays (no torch import here, so they are testable anywhere NumPy is):

* ``TrainingLog``: writes the official log format that ``lesde fit`` reads,
  ``trial,itr,smp,y,y_logit0..y_logit{K-1},tr_loss,val_loss,val_acc``, one row per trial and SGD
  iteration, with the logits of the drawn sample *before* the step;
* ``dump_features``: writes penultimate features, labels and the last layer's W and b to an
  ``.npz`` that ``lesde metrics`` reads.

``python3 pytorch_recipe.py --demo DIR`` runs a tiny NumPy stand-in for a training run (batch size
1, a fixed random feature map and a linear soft-max classifier trained by SGD) and writes
``DIR/log.csv`` and ``DIR/features.npz`` with these helpers.
"""
import argparse
import math
import os

import numpy as np


class TrainingLog:
    """The official training log: one row per (trial, iteration), the logits before the step."""

    def __init__(self, path, classes):
        self.classes = int(classes)
        self.file = open(path, "w", newline="\n")
        header = ["trial", "itr", "smp", "y"] + ["y_logit%d" % k for k in range(self.classes)]
        self.file.write(",".join(header + ["tr_loss", "val_loss", "val_acc"]) + "\n")

    def row(self, trial, itr, smp, y, logits, tr_loss, val_loss=math.nan, val_acc=math.nan):
        """One SGD step: ``logits`` of the drawn sample (index ``smp``, label ``y``) before the step."""
        z = np.asarray(logits, dtype=np.float64).reshape(-1)
        if z.shape[0] != self.classes:
            raise ValueError("expected %d logits, got %d" % (self.classes, z.shape[0]))
        if not 0 <= int(y) < self.classes:
            raise ValueError("label %r outside 0..%d" % (y, self.classes - 1))
        cells = [str(int(trial)), str(int(itr)), str(int(smp)), str(int(y))]
        cells += [_number(v) for v in z] + [_number(tr_loss), _number(val_loss), _number(val_acc)]
        self.file.write(",".join(cells) + "\n")

    def close(self):
        self.file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _number(v):
    """Shortest round-trip text (repr), NaN as the official logs write it."""
    v = float(v)
    return "NaN" if math.isnan(v) else repr(v)


def dump_features(path, features, labels, W=None, b=None):
    """features (N, p), labels (N,) in 0..K-1, optionally W (K, p) and b (K,), to an .npz for lesde metrics."""
    h = np.asarray(features, dtype=np.float64)
    y = np.asarray(labels).reshape(-1)
    if h.ndim != 2 or h.shape[0] != y.shape[0]:
        raise ValueError("features must be (N, p) with N = len(labels), got %s and %s" % (h.shape, y.shape))
    if not np.all(y == np.round(y)) or y.min() < 0:
        raise ValueError("labels must be whole numbers >= 0")
    arrays = {"features": h, "labels": y.astype(np.int64)}
    if W is not None:
        W = np.asarray(W, dtype=np.float64)
        if W.ndim != 2 or W.shape[1] != h.shape[1]:
            raise ValueError("W must be (K, p) with p = %d, got %s" % (h.shape[1], W.shape))
        arrays["W"] = W
    if b is not None:
        if W is None:
            raise ValueError("a bias needs W")
        arrays["b"] = np.asarray(b, dtype=np.float64).reshape(-1)
    np.savez(path, **arrays)


def demo(out, classes=3, trials=6, iterations=300, seed=0):
    """A NumPy stand-in for a PyTorch run: SGD with batch size 1 on K Gaussian clusters."""
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(seed)
    d, p, n = 8, 6, 60 * classes
    centres = 2.0 * rng.normal(size=(classes, d))
    y_all = np.repeat(np.arange(classes), n // classes)
    x_all = centres[y_all] + rng.normal(size=(n, d))
    V = rng.normal(size=(p, d)) / math.sqrt(d)  # a fixed "penultimate layer"
    feats = np.tanh(x_all @ V.T)
    with TrainingLog(os.path.join(out, "log.csv"), classes) as log:
        for trial in range(trials):
            W = 0.01 * rng.normal(size=(classes, p))
            b = np.zeros(classes)
            for itr in range(iterations):
                # the first sample of trial t has class t mod K, so every class occurs at itr 0
                smp = int(rng.integers(n)) if itr else int(np.flatnonzero(y_all == trial % classes)[0])
                h, y = feats[smp], int(y_all[smp])
                z = W @ h + b  # logits before the step (in torch: model(x).detach().numpy())
                q = np.exp(z - z.max())
                q /= q.sum()
                loss = -math.log(q[y])
                val_loss = val_acc = math.nan  # validation every 100 steps, NaN between (as the official logs)
                if itr % 100 == 0:
                    zs = feats @ W.T + b
                    val_loss = float(-np.mean(np.log(_softmax(zs)[np.arange(n), y_all])))
                    val_acc = float(np.mean(np.argmax(zs, axis=1) == y_all))
                log.row(trial, itr, smp, y, z, loss, val_loss, val_acc)
                g = q.copy()
                g[y] -= 1.0
                W -= 0.1 * np.outer(g, h)
                b -= 0.1 * g
    dump_features(os.path.join(out, "features.npz"), feats, y_all, W, b)


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--demo", metavar="DIR", required=True, help="write DIR/log.csv and DIR/features.npz")
    args = ap.parse_args()
    demo(args.demo)
    print("wrote %s and %s" % (os.path.join(args.demo, "log.csv"), os.path.join(args.demo, "features.npz")))
