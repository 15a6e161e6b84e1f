"""Side-by-side cnn3d throughput: Calcify against the same network in a plain PyTorch loop.

Three roles, chosen by the first argument:

  shards OUT N SHAPE          write N uint8 cube shards (SHAPE: cube = 21x65x65, binary task;
                              detect = 9x33x33 plus the 9x33x33 context cube, artery task with
                              the "other" class, 6 classes)
  torch DATA BATCH THREADS    the PyTorch worker (Debian's python3-torch): the same network as
                              Calcify's Networks.build, Adam, class-weighted cross-entropy
  drive ROUNDS CHUNK BATCH [--modes M1,M2] NAME CMD [NAME CMD ...]
                              starts every worker, then for each round runs CHUNK training
                              batches and CHUNK inference batches in each worker in turn (the
                              order rotates every round), and prints samples/s per round, the
                              medians and, for every pair of workers, the median of the per-round
                              ratios;
                              --modes names other commands (e.g. classify), each counted as
                              BATCH samples per call

A worker reads "train K" / "infer K" on stdin, runs the next K batches of the same fixed order
(batch b = samples b*BATCH .. in order, cycling over the data) and prints the seconds they took.
Interleaving short chunks puts every framework under the same load from the other engineers'
builds on a shared machine; the ratio per round is what to quote.
"""
import os
import statistics
import subprocess
import sys
import time


def shards(out, n, shape):
    import numpy as np
    os.makedirs(out)
    rng = np.random.default_rng(1)
    z, y, x = (21, 65, 65) if shape == "cube" else (9, 33, 33)
    cube = rng.integers(20, 60, size=(n, z, y, x), dtype=np.uint8)
    if shape == "cube":
        labels = (np.arange(n) % 2).astype(np.int64)
    else:
        labels = (np.arange(n) % 6).astype(np.int64)
    cube[labels > 0, z // 2 - 2:z // 2 + 3, y // 2 - 4:y // 2 + 5, x // 2 - 4:x // 2 + 5] = 220
    np.save(os.path.join(out, "cube.npy"), cube)
    np.save(os.path.join(out, "labels.npy"), labels)
    if shape != "cube":
        ctx = rng.integers(20, 60, size=(n, 9, 33, 33), dtype=np.uint8)
        for i in np.nonzero(labels)[0]:
            at = 8 + 4 * int(labels[i])  # where the context shows the lesion tells its class
            ctx[i, 3:6, at:at + 3, 14:18] = 200
        np.save(os.path.join(out, "context.npy"), ctx)
        with open(os.path.join(out, "context.txt"), "w") as f:
            f.write("9,33,33@5,4,4\n")
    with open(os.path.join(out, "index.csv"), "w") as f:
        f.write("scan,z,y,x,label,row\n")
        for i in range(n):
            f.write(f"s{i // 16},{z // 2},{y // 2},{x // 2},{labels[i]},{i}\n")


def torch_worker(d, batch, threads):
    import numpy as np
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    cube = np.load(os.path.join(d, "cube.npy"), mmap_mode="r")
    ctx_file = os.path.join(d, "context.npy")
    ctx = np.load(ctx_file, mmap_mode="r") if os.path.exists(ctx_file) else None
    labels = np.load(os.path.join(d, "labels.npy"))
    n = cube.shape[0]
    classes = 6 if ctx is not None else 2
    w = 8

    def block(i, o, pool):
        layers = [torch.nn.Conv3d(i, o, 3, padding=1), torch.nn.BatchNorm3d(o), torch.nn.ReLU()]
        return layers + ([torch.nn.MaxPool3d(pool, pool)] if pool else [])

    def trunk():
        return [*block(1, w, (1, 2, 2)), *block(w, 2 * w, (2, 2, 2)), *block(2 * w, 4 * w, (2, 2, 2)),
                *block(4 * w, 8 * w, None)]

    class Net(torch.nn.Module):
        """Networks.build: the cube branch, the context branch (flattened, Linear 64, ReLU), the head."""

        def __init__(self):
            super().__init__()
            self.cube = torch.nn.Sequential(*trunk(), torch.nn.AdaptiveAvgPool3d(1), torch.nn.Flatten())
            features = 8 * w
            self.ctx = None
            if ctx is not None:
                cz, cy, cx = ctx.shape[1:]
                flat = 8 * w * (cz // 4) * (cy // 2 // 2 // 2) * (cx // 2 // 2 // 2)
                self.ctx = torch.nn.Sequential(*trunk(), torch.nn.Flatten(), torch.nn.Linear(flat, 64), torch.nn.ReLU())
                features += 64
            self.head = torch.nn.Sequential(torch.nn.Linear(features, 32), torch.nn.ReLU(), torch.nn.Linear(32, classes))

        def forward(self, x, c=None):
            f = self.cube(x)
            if self.ctx is not None:
                f = torch.cat([f, self.ctx(c)], 1)
            return self.head(f)

    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.ones(classes))
    at = {"train": 0, "infer": 0}

    def load(mode):
        idx = (np.arange(batch) + at[mode] * batch) % n
        at[mode] += 1
        x = torch.from_numpy(np.asarray(cube[idx], dtype=np.float32) / np.float32(255)).unsqueeze(1)
        c = None
        if ctx is not None:
            c = torch.from_numpy(np.asarray(ctx[idx], dtype=np.float32) / np.float32(255)).unsqueeze(1)
        return x, c, torch.from_numpy(labels[idx] % classes)

    def train(k):
        net.train()
        for _ in range(k):
            x, c, y = load("train")
            opt.zero_grad()
            loss = loss_fn(net(x, c), y)
            loss.backward()
            opt.step()

    def infer(k):
        net.eval()
        with torch.no_grad():
            for _ in range(k):
                x, c, _ = load("infer")
                torch.softmax(net(x, c), 1).numpy()

    train(2)
    infer(2)
    params = sum(p.numel() for p in net.parameters())
    print(f"ready pytorch {torch.__version__}, {params} parameters, {torch.get_num_threads()} threads", flush=True)
    serve({"train": train, "infer": infer})


def serve(modes):
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        t0 = time.perf_counter()
        modes[parts[0]](int(parts[1]))
        print(f"{time.perf_counter() - t0:.6f}", flush=True)


class Worker:
    def __init__(self, name, cmd):
        self.name = name
        self.p = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise SystemExit(f"worker {name} ended before it was ready: {cmd}")
            if line.startswith("ready"):
                self.banner = line[len("ready"):].strip()
                return

    def run(self, mode, k):
        self.p.stdin.write(f"{mode} {k}\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        if not line:
            raise SystemExit(f"worker {self.name} ended")
        return float(line)

    def close(self):
        self.p.stdin.write("quit\n")
        self.p.stdin.close()
        self.p.wait()


def drive(rounds, chunk, batch, specs, modes=("train", "infer")):
    workers = [Worker(name, cmd) for name, cmd in specs]
    for w in workers:
        print(f"# {w.name}: {w.banner}")
    rate = {(w.name, m): [] for w in workers for m in modes}
    names = [w.name for w in workers]
    print("round\t" + "\t".join(f"{n} {m}" for m in modes for n in names) + "\t(samples/s)")
    for r in range(rounds):
        turn = workers[r % len(workers):] + workers[:r % len(workers)]
        for m in modes:
            for w in turn:
                rate[(w.name, m)].append(chunk * batch / w.run(m, chunk))
        print(f"{r + 1}\t" + "\t".join(f"{rate[(n, m)][-1]:.1f}" for m in modes for n in names), flush=True)
    for w in workers:
        w.close()
    for m in modes:
        for n in names:
            print(f"median {m} {n}: {statistics.median(rate[(n, m)]):.1f} samples/s")
        for i, n in enumerate(names):
            for ref in names[:i]:
                ratios = [a / b for a, b in zip(rate[(n, m)], rate[(ref, m)])]
                print(f"ratio {m} {n} / {ref} per round: median {statistics.median(ratios):.2f}x"
                      f" (min {min(ratios):.2f}, max {max(ratios):.2f})")


if __name__ == "__main__":
    role = sys.argv[1]
    if role == "shards":
        shards(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif role == "torch":
        torch_worker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif role == "drive":
        rounds, chunk, batch = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        rest = sys.argv[5:]
        modes = ("train", "infer")
        if rest[0] == "--modes":
            modes = tuple(rest[1].split(","))
            rest = rest[2:]
        drive(rounds, chunk, batch, list(zip(rest[0::2], rest[1::2])), modes)
    else:
        raise SystemExit(__doc__)
