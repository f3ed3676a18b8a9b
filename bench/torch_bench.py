"""The PyTorch peer of bench/Bench.java: one workload per process, the same networks, optimizer settings and
batch sizes as Keras's defaults (Adam lr 1e-3, betas 0.9/0.999, eps 1e-7; glorot-uniform kernels, zero biases).
Usage: python3 bench/torch_bench.py WORKLOAD THREADS [quick]. Prints RESULT lines like Bench.java."""
import sys
import time

import torch
import torch.nn.functional as F

XOR_WARMUP, XOR_ROUNDS, XOR_STEPS = 1500, 15, 300
WIDE_WARMUP, WIDE_ROUNDS, WIDE_STEPS = 5, 12, 3


def dense_stack(sizes, last_activation):
    layers = []
    for i in range(len(sizes) - 1):
        linear = torch.nn.Linear(sizes[i], sizes[i + 1])
        torch.nn.init.xavier_uniform_(linear.weight)
        torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
        layers.append(torch.nn.ReLU() if i < len(sizes) - 2 else last_activation)
    return torch.nn.Sequential(*layers)


def adam(model):
    return torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)


def xor(hidden, quick):
    warmup, rounds, steps = (XOR_WARMUP // 3, 7, 150) if quick else (XOR_WARMUP, XOR_ROUNDS, XOR_STEPS)
    x = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=torch.float32)
    y = torch.tensor([[0], [1], [1], [0]], dtype=torch.float32)
    model = dense_stack([2] + [16] * hidden + [1], torch.nn.Sigmoid())
    opt = adam(model)

    def step():
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()  # Keras reads the loss every step too

    for _ in range(warmup):
        step()
    per_step = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        per_step.append((time.perf_counter() - start) * 1e6 / steps)
    return per_step


def gauss(epochs):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(10000, 2, generator=g)
    same = (x[:, 0] * x[:, 1] > 0).float()
    y = torch.stack([same, 1 - same], dim=1)
    model = dense_stack([2, 4, 4, 2], torch.nn.Softmax(dim=1))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.99)
    per_epoch = []
    run_start = time.perf_counter()
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(10000, generator=g)  # Keras shuffles each epoch
        for b in range(100):
            idx = order[b * 100:(b + 1) * 100]
            opt.zero_grad()
            p = model(x[idx]).clamp(1e-7, 1 - 1e-7)
            loss = F.binary_cross_entropy(p, y[idx])
            loss.backward()
            opt.step()
            loss.item()
        per_epoch.append((time.perf_counter() - start) * 1e6 / 100)
    print("RESULT impl=torch workload=gauss_total seconds=%.2f epochs=%d" % (time.perf_counter() - run_start, epochs))
    return per_epoch


def wide():
    torch.manual_seed(1)
    x = torch.rand(256, 784)
    y = torch.randint(0, 10, (256,))
    model = dense_stack([784, 1024, 1024, 10], torch.nn.Identity())  # softmax folded into the cross-entropy
    opt = adam(model)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(WIDE_WARMUP):
        step()
    per_step = []
    for _ in range(WIDE_ROUNDS):
        start = time.perf_counter()
        for _ in range(WIDE_STEPS):
            step()
        per_step.append((time.perf_counter() - start) * 1e6 / WIDE_STEPS)
    return per_step


def sgemm():
    a = torch.rand(2048, 2048)
    b = torch.rand(2048, 2048)
    c = torch.empty(2048, 2048)
    for _ in range(3):
        torch.mm(a, b, out=c)
    per_call = []
    for _ in range(10):
        start = time.perf_counter()
        torch.mm(a, b, out=c)
        per_call.append((time.perf_counter() - start) * 1e6)
    return per_call


def quantile(values, q):
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo = int(pos)
    hi = min(len(s) - 1, lo + 1)
    return s[lo] + (pos - lo) * (s[hi] - s[lo])


def peak_rss_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def main():
    workload, threads = sys.argv[1], int(sys.argv[2])
    quick = len(sys.argv) > 3 and sys.argv[3] == "quick"
    torch.set_num_threads(threads)
    runs = {"xor": lambda: xor(1, quick), "deepxor": lambda: xor(7, quick),
            "gauss": lambda: gauss(20 if quick else 200), "wide": wide, "sgemm": sgemm}
    values = runs[workload]()
    print("RESULT impl=torch workload=%s median=%.1f p10=%.1f p90=%.1f n=%d rss_kb=%d" % (
        workload, quantile(values, 0.5), quantile(values, 0.1), quantile(values, 0.9), len(values), peak_rss_kb()))


if __name__ == "__main__":
    main()
