# Traces a small cnn3d-contract model with Debian's python3-torch, writes model.pt, config.json and the
# probabilities PyTorch computes on the shards (expected.npy) for Calcify's TorchScript import test.
# usage: trace_model.py SHARD_DIR MODEL_DIR
import json
import os
import sys

import numpy as np
import torch

shards, out = sys.argv[1], sys.argv[2]
torch.manual_seed(3)
cube = np.load(os.path.join(shards, "cube.npy"), mmap_mode="r")
emr = np.load(os.path.join(shards, "emr.npy"))
n, z, y, x = cube.shape
k = emr.shape[1]
mean = emr.mean(axis=0)
sd = emr.std(axis=0)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv3d(1, 4, 3, padding=1)
        self.bn1 = torch.nn.BatchNorm3d(4)
        self.conv2 = torch.nn.Conv3d(4, 8, 3, padding=1)
        self.head = torch.nn.Sequential(torch.nn.Linear(8 + k, 16), torch.nn.ReLU(), torch.nn.Linear(16, 2))

    def forward(self, cube, emr):
        h = torch.relu(self.bn1(self.conv1(cube)))
        h = torch.nn.functional.max_pool3d(h, (1, 2, 2))
        h = torch.relu(self.conv2(h)).mean(dim=(2, 3, 4))
        return self.head(torch.cat([h, emr], dim=1))


net = Net()
with torch.no_grad():
    net.bn1.running_mean.uniform_(-0.1, 0.1)
    net.bn1.running_var.uniform_(0.5, 1.5)
net.eval()
ex = (torch.zeros(2, 1, z, y, x), torch.zeros(2, k))
traced = torch.jit.trace(net, ex)
os.makedirs(out, exist_ok=True)
traced.save(os.path.join(out, "model.pt"))
with torch.no_grad():
    c = torch.from_numpy(np.asarray(cube, dtype=np.float32) / np.float32(255.0)).unsqueeze(1)
    e = torch.from_numpy(((emr - mean) / sd).astype(np.float32))
    p = torch.softmax(traced(c, e), dim=1).numpy()
np.save(os.path.join(out, "expected.npy"), p.astype(np.float32))
config = {
    "architecture": "cnn3d", "task": "binary", "classes": ["none", "calcium"],
    "patch_zyx": [z, y, x], "window": "50,400", "base_filters": 4,
    "emr_mean": [float(v) for v in mean], "emr_sd": [float(v) for v in sd],
    "weights": "model.pt", "provenance": {"traced_by": "torch " + torch.__version__},
}
with open(os.path.join(out, "config.json"), "w") as f:
    json.dump(config, f, indent=2)
print(torch.__version__)
