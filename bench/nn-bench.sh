#!/usr/bin/env bash
# cnn3d training and inference throughput, side by side in one run: Calcify (DJL 0.36, PyTorch 2.7.1 CPU
# natives) against the same network trained by a plain PyTorch loop in Python (Debian's python3-torch),
# both reading the same memory-mapped cube shards (21x65x65 uint8), same batch, same engine threads.
# Usage: bench/nn-bench.sh [PATCHES] [BATCH] [THREADS] [BATCHES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-512}"
batch="${2:-32}"
threads="${3:-2}"
batches="${4:-12}"
warmup=3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && mvn -B -q -DskipTests -pl calcify-bench -am package >&2)
cp="$root/calcify-bench/target/calcify-bench-0.1.0-SNAPSHOT.jar:$root/calcify-bench/target/lib/*"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; $n patches 21x65x65, batch $batch, $threads engine threads"
/usr/bin/python3 - "$work/shards" "$n" <<'PY'
import os, sys, numpy as np
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out)
rng = np.random.default_rng(1)
cube = rng.integers(20, 60, size=(n, 21, 65, 65), dtype=np.uint8)
labels = (np.arange(n) % 2).astype(np.int64)
cube[labels == 1, 8:13, 28:37, 28:37] = 220
np.save(os.path.join(out, "cube.npy"), cube)
np.save(os.path.join(out, "labels.npy"), labels)
with open(os.path.join(out, "index.csv"), "w") as f:
    f.write("scan,z,y,x,label,row\n")
    for i in range(n):
        f.write(f"s{i // 16},10,32,32,{labels[i]},{i}\n")
PY
/usr/bin/python3 - "$work/shards" "$batch" "$threads" "$warmup" "$batches" <<'PY'
import os, sys, time, numpy as np, torch
d, batch, threads, warmup, batches = sys.argv[1], *map(int, sys.argv[2:])
torch.set_num_threads(threads)
torch.manual_seed(0)
cube = np.load(os.path.join(d, "cube.npy"), mmap_mode="r")
labels = np.load(os.path.join(d, "labels.npy"))
n = cube.shape[0]

def block(i, o, pool):
    layers = [torch.nn.Conv3d(i, o, 3, padding=1), torch.nn.BatchNorm3d(o), torch.nn.ReLU()]
    return layers + ([torch.nn.MaxPool3d(pool, pool)] if pool else [])

w = 8
net = torch.nn.Sequential(*block(1, w, (1, 2, 2)), *block(w, 2 * w, (2, 2, 2)), *block(2 * w, 4 * w, (2, 2, 2)),
                          *block(4 * w, 8 * w, None), torch.nn.AdaptiveAvgPool3d(1), torch.nn.Flatten(),
                          torch.nn.Linear(8 * w, 32), torch.nn.ReLU(), torch.nn.Linear(32, 2))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss(weight=torch.ones(2))
order = np.arange((warmup + batches) * batch) % n

def load(b):
    idx = order[b * batch:(b + 1) * batch]
    x = torch.from_numpy(np.asarray(cube[idx], dtype=np.float32) / np.float32(255)).unsqueeze(1)
    return x, torch.from_numpy(labels[idx])

net.train()
for b in range(warmup + batches):
    if b == warmup:
        t0 = time.perf_counter()
    x, y = load(b)
    opt.zero_grad()
    loss = loss_fn(net(x), y)
    loss.backward()
    opt.step()
train = batches * batch / (time.perf_counter() - t0)
net.eval()
with torch.no_grad():
    for b in range(warmup + batches):
        if b == warmup:
            t0 = time.perf_counter()
        x, _ = load(b)
        torch.softmax(net(x), 1)
infer = batches * batch / (time.perf_counter() - t0)
params = sum(p.numel() for p in net.parameters())
print(f"pytorch {torch.__version__}\tcnn3d\tw={w} batch={batch}\ttrain {train:.1f} samples/s\tinfer {infer:.1f} samples/s\t{params} parameters")
PY
java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$cp" org.calcify.bench.NnThroughput "$work/shards" cnn3d 8 "$batch" "${LOADER_THREADS:-1}" "$warmup" "$batches"
