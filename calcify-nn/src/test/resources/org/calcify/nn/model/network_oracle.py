# The network of Calcify's Networks.build (cnn3d, optional context branch and EMR) written out in plain
# PyTorch (Debian's python3-torch), given Calcify's parameters in Calcify's order: the probabilities PyTorch
# computes in eval mode are the oracle for Calcify's inference (channels-last weights, pooling before ReLU,
# BatchNorm folded into the convolutions).
# usage: network_oracle.py DIR  (DIR holds params.txt, params.npy, cube.npy, [context.npy], [emr.npy], spec.txt)
# writes DIR/expected.npy
import os
import sys

import numpy as np
import torch

d = sys.argv[1]
spec = dict(line.split("=", 1) for line in open(os.path.join(d, "spec.txt")).read().split())
w = int(spec["base"])
classes = int(spec["classes"])
cube = torch.from_numpy(np.load(os.path.join(d, "cube.npy"))).unsqueeze(1)
ctx_file = os.path.join(d, "context.npy")
ctx = torch.from_numpy(np.load(ctx_file)).unsqueeze(1) if os.path.exists(ctx_file) else None
emr_file = os.path.join(d, "emr.npy")
emr = torch.from_numpy(np.load(emr_file)) if os.path.exists(emr_file) else None


def block(i, o):
    return [torch.nn.Conv3d(i, o, 3, padding=1), torch.nn.BatchNorm3d(o, eps=1e-5), torch.nn.ReLU()]


def trunk(w, pools):
    layers = []
    widths = [1, w, 2 * w, 4 * w, 8 * w]
    for k in range(4):
        layers += block(widths[k], widths[k + 1])
        if k < 3:
            layers.append(torch.nn.MaxPool3d(pools[k], pools[k]))
    return layers


pools = [(1, 2, 2), (2, 2, 2), (2, 2, 2)]
cube_branch = torch.nn.Sequential(*trunk(w, pools), torch.nn.AdaptiveAvgPool3d(1), torch.nn.Flatten())
features = 8 * w
ctx_branch = None
if ctx is not None:
    with torch.no_grad():
        flat = torch.nn.Sequential(*trunk(8, pools), torch.nn.Flatten()).eval()(torch.zeros(1, *ctx.shape[1:])).shape[1]
    ctx_branch = torch.nn.Sequential(*trunk(8, pools), torch.nn.Flatten(), torch.nn.Linear(flat, 64), torch.nn.ReLU())
    features += 64
if emr is not None:
    features += emr.shape[1]
head = torch.nn.Sequential(torch.nn.Linear(features, 32), torch.nn.ReLU(), torch.nn.Linear(32, classes))

# Calcify's parameters in its order: per convolution weight, bias; per BatchNorm gamma, beta, running mean, running var
values = np.load(os.path.join(d, "params.npy"))
names = [line.split()[0] for line in open(os.path.join(d, "params.txt")) if line.strip()]
shapes = [tuple(int(v) for v in line.split()[1:]) for line in open(os.path.join(d, "params.txt")) if line.strip()]
at = 0
queue = []
for shape in shapes:
    n = int(np.prod(shape))
    queue.append(torch.from_numpy(values[at:at + n].reshape(shape).copy()))
    at += n
modules = [m for b in (cube_branch, ctx_branch, head) if b is not None for m in b.modules()]
with torch.no_grad():
    for m in modules:
        if isinstance(m, (torch.nn.Conv3d, torch.nn.Linear)):
            targets = [m.weight, m.bias]
        elif isinstance(m, torch.nn.BatchNorm3d):
            targets = [m.weight, m.bias, m.running_mean, m.running_var]
        else:
            continue
        for t in targets:
            v = queue.pop(0)
            if tuple(v.shape) != tuple(t.shape):
                raise SystemExit(f"parameter shape {tuple(v.shape)} does not fit {tuple(t.shape)} of {m}")
            t.copy_(v)
if queue:
    raise SystemExit(f"{len(queue)} parameters left over")
for b in (cube_branch, ctx_branch, head):
    if b is not None:
        b.eval()
with torch.no_grad():
    f = [cube_branch(cube)]
    if ctx_branch is not None:
        f.append(ctx_branch(ctx))
    if emr is not None:
        f.append(emr)
    p = torch.softmax(head(torch.cat(f, 1)), 1).numpy()
np.save(os.path.join(d, "expected.npy"), p.astype(np.float32))
print(torch.__version__)
