"""The PyTorch peer of bench/Bench.java: one workload per process, the same networks, optimizer settings and
batch sizes as Keras's defaults (Adam lr 1e-3, betas 0.9/0.999, eps 1e-7; RMSprop lr 1e-3, rho 0.9, eps 1e-7;
glorot-uniform kernels, zero biases). Usage: python bench/torch_bench.py WORKLOAD THREADS [quick], THREADS a
number or "default" (PyTorch's own choice). Prints RESULT lines like Bench.java. Runs under Debian's python3-torch
and under the pip wheel in bench/run.sh's virtual environment."""
import sys
import time

import torch
import torch.nn.functional as F

from worker_stats import peak_rss_kb, quantile

XOR_WARMUP, XOR_ROUNDS, XOR_STEPS = 1500, 15, 300
WIDE_WARMUP, WIDE_ROUNDS, WIDE_STEPS = 5, 12, 3
MNIST_ROWS, MNIST_BATCH, MNIST_WARMUP, MNIST_ROUNDS = 1280, 128, 3, 12
PREDICT_WARMUP, PREDICT_ROUNDS, PREDICT_CALLS = 2000, 15, 200
DIGITS_ROWS, DIGITS_BATCH, DIGITS_WARMUP, DIGITS_ROUNDS = 1437, 32, 3, 12
LSTM_ROWS, LSTM_LENGTH, LSTM_BATCH, LSTM_WARMUP, LSTM_ROUNDS = 1024, 20, 32, 2, 8
PARITY_STRINGS, PARITY_STEPS, PARITY_UNITS, PARITY_BATCH, PARITY_WARMUP, PARITY_ROUNDS = 2000, 20, 32, 32, 1, 5


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


def mnist_model():
    """Keras's examples/mnist_mlp.py: 784-512-512-10, ReLU, Dropout(0.2) after each hidden layer, softmax (folded
    into the cross-entropy, as PyTorch users write it)."""
    layers = []
    for n_in, n_out in ((784, 512), (512, 512)):
        linear = torch.nn.Linear(n_in, n_out)
        torch.nn.init.xavier_uniform_(linear.weight)
        torch.nn.init.zeros_(linear.bias)
        layers += [linear, torch.nn.ReLU(), torch.nn.Dropout(0.2)]
    out = torch.nn.Linear(512, 10)
    torch.nn.init.xavier_uniform_(out.weight)
    torch.nn.init.zeros_(out.bias)
    return torch.nn.Sequential(*layers, out)


def mnist(quick):
    torch.manual_seed(1)
    x = torch.rand(MNIST_ROWS, 784)
    y = torch.randint(0, 10, (MNIST_ROWS,))
    model = mnist_model()
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    batches = MNIST_ROWS // MNIST_BATCH

    def epoch():
        order = torch.randperm(MNIST_ROWS)  # Keras shuffles each epoch
        for b in range(batches):
            idx = order[b * MNIST_BATCH:(b + 1) * MNIST_BATCH]
            opt.zero_grad()
            out = model(x[idx])
            loss = F.cross_entropy(out, y[idx])
            loss.backward()
            opt.step()
            loss.item()
            (out.argmax(1) == y[idx]).float().mean().item()  # Keras's accuracy metric

    model.train()
    for _ in range(MNIST_WARMUP):
        epoch()
    per_step = []
    for _ in range(5 if quick else MNIST_ROUNDS):
        start = time.perf_counter()
        epoch()
        per_step.append((time.perf_counter() - start) * 1e6 / batches)
    return per_step


def predict(quick):
    """One row through mnist_mlp's network in inference mode (a server answering one request)."""
    torch.manual_seed(1)
    row = torch.rand(1, 784)
    model = mnist_model().eval()
    with torch.no_grad():
        for _ in range(PREDICT_WARMUP):
            torch.softmax(model(row), dim=1)
        per_call = []
        for _ in range(7 if quick else PREDICT_ROUNDS):
            start = time.perf_counter()
            for _ in range(PREDICT_CALLS):
                torch.softmax(model(row), dim=1)
            per_call.append((time.perf_counter() - start) * 1e6 / PREDICT_CALLS)
    return per_call


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


def digits(quick):
    """Tutorial 006's CNN as a PyTorch user writes it: Conv2d(1, 32, 3) + ReLU on 1x8x8 images (PyTorch's channels
    first), MaxPool2d(2), Dropout(0.25), Flatten, Linear(288, 10) (softmax folded into the cross-entropy); Keras's
    glorot-uniform kernels and zero biases, Adam with Keras's epsilon, batch 32 over 1437 random images, shuffled
    each epoch, with the accuracy metric read every step as Keras does."""
    torch.manual_seed(1)
    x = torch.rand(DIGITS_ROWS, 1, 8, 8)
    y = torch.randint(0, 10, (DIGITS_ROWS,))
    conv = torch.nn.Conv2d(1, 32, 3)
    out = torch.nn.Linear(32 * 3 * 3, 10)
    for layer in (conv, out):
        torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
    model = torch.nn.Sequential(conv, torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Dropout(0.25),
                                torch.nn.Flatten(), out)
    opt = adam(model)
    batches = (DIGITS_ROWS + DIGITS_BATCH - 1) // DIGITS_BATCH

    def epoch():
        order = torch.randperm(DIGITS_ROWS)
        for b in range(batches):
            idx = order[b * DIGITS_BATCH:(b + 1) * DIGITS_BATCH]
            opt.zero_grad()
            logits = model(x[idx])
            loss = F.cross_entropy(logits, y[idx])
            loss.backward()
            opt.step()
            loss.item()
            (logits.argmax(1) == y[idx]).float().mean().item()

    model.train()
    for _ in range(DIGITS_WARMUP):
        epoch()
    per_step = []
    for _ in range(5 if quick else DIGITS_ROUNDS):
        start = time.perf_counter()
        epoch()
        per_step.append((time.perf_counter() - start) * 1e6 / batches)
    return per_step


class Parity(torch.nn.Module):
    """Tutorial 005's network as a PyTorch user writes it: LSTM(2 -> 32) over packed variable-length strings (the
    padding skipped, as Keras's Masking skips it), Linear(32, 1) on the last state (the sigmoid folded into the
    loss)."""

    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(2, PARITY_UNITS, batch_first=True)
        self.out = torch.nn.Linear(PARITY_UNITS, 1)
        # Keras's initializers: glorot-uniform kernel, orthogonal recurrent kernel, zero biases but the forget gate's 1.
        torch.nn.init.xavier_uniform_(self.lstm.weight_ih_l0)
        torch.nn.init.orthogonal_(self.lstm.weight_hh_l0)
        torch.nn.init.zeros_(self.lstm.bias_ih_l0)
        torch.nn.init.zeros_(self.lstm.bias_hh_l0)
        with torch.no_grad():
            self.lstm.bias_ih_l0[PARITY_UNITS:2 * PARITY_UNITS] = 1
        torch.nn.init.xavier_uniform_(self.out.weight)
        torch.nn.init.zeros_(self.out.bias)

    def forward(self, x, lengths):
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, (h, _) = self.lstm(packed)
        return self.out(h[-1])


def parity(quick):
    """Tutorial 005's LSTM: 2000 random one-hot bit strings of 2 to 20 bits padded to 20 steps, Adam(0.01) with Keras's
    epsilon, binary cross-entropy, batch 32, shuffled each epoch, the accuracy read every step as Keras does."""
    torch.manual_seed(1)
    lengths = torch.randint(2, PARITY_STEPS + 1, (PARITY_STRINGS,))
    bits = torch.randint(0, 2, (PARITY_STRINGS, PARITY_STEPS))
    steps = torch.arange(PARITY_STEPS).unsqueeze(0) < lengths.unsqueeze(1)
    x = F.one_hot(bits, 2).float() * steps.unsqueeze(2)
    y = ((bits * steps).sum(1) % 2).float().unsqueeze(1)
    model = Parity()
    opt = torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-7)
    batches = (PARITY_STRINGS + PARITY_BATCH - 1) // PARITY_BATCH

    def epoch():
        order = torch.randperm(PARITY_STRINGS)
        for b in range(batches):
            idx = order[b * PARITY_BATCH:(b + 1) * PARITY_BATCH]
            opt.zero_grad()
            logits = model(x[idx], lengths[idx])
            loss = F.binary_cross_entropy_with_logits(logits, y[idx])
            loss.backward()
            opt.step()
            loss.item()
            ((logits > 0).float() == y[idx]).float().mean().item()

    model.train()
    for _ in range(PARITY_WARMUP):
        epoch()
    per_step = []
    for _ in range(3 if quick else PARITY_ROUNDS):
        start = time.perf_counter()
        epoch()
        per_step.append((time.perf_counter() - start) * 1e6 / batches)
    return per_step


class ParityLstm(torch.nn.Module):
    """Tutorial 005's network as a PyTorch user writes it: nn.LSTM(1, 32, batch_first) and Linear(32, 1) on its last
    output, sigmoid; Keras's glorot-uniform kernel, orthogonal recurrent kernel and forget-gate bias of 1 (the
    arithmetic does not depend on them)."""

    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(1, 32, batch_first=True)
        self.out = torch.nn.Linear(32, 1)
        torch.nn.init.xavier_uniform_(self.lstm.weight_ih_l0)
        torch.nn.init.orthogonal_(self.lstm.weight_hh_l0)
        torch.nn.init.zeros_(self.lstm.bias_ih_l0)
        torch.nn.init.zeros_(self.lstm.bias_hh_l0)
        with torch.no_grad():
            self.lstm.bias_ih_l0[32:64] = 1.0
        torch.nn.init.xavier_uniform_(self.out.weight)
        torch.nn.init.zeros_(self.out.bias)

    def forward(self, x):
        outputs, _ = self.lstm(x)
        return torch.sigmoid(self.out(outputs[:, -1, :]))


def lstm_step(quick):
    """Tutorial 005's LSTM on 1024 random bit strings of length 20 (labels: their parity), batch 32, Adam with Keras's
    epsilon, binary cross-entropy, shuffled each epoch, the accuracy read every step as Keras does."""
    torch.manual_seed(1)
    x = torch.randint(0, 2, (LSTM_ROWS, LSTM_LENGTH, 1)).float()
    y = (x.sum(dim=(1, 2)) % 2).reshape(-1, 1)
    model = ParityLstm()
    opt = adam(model)
    batches = (LSTM_ROWS + LSTM_BATCH - 1) // LSTM_BATCH

    def epoch():
        order = torch.randperm(LSTM_ROWS)
        for b in range(batches):
            idx = order[b * LSTM_BATCH:(b + 1) * LSTM_BATCH]
            opt.zero_grad()
            p = model(x[idx])
            loss = F.binary_cross_entropy(p, y[idx])
            loss.backward()
            opt.step()
            loss.item()
            ((p > 0.5).float() == y[idx]).float().mean().item()

    model.train()
    for _ in range(LSTM_WARMUP):
        epoch()
    per_step = []
    for _ in range(3 if quick else LSTM_ROUNDS):
        start = time.perf_counter()
        epoch()
        per_step.append((time.perf_counter() - start) * 1e6 / batches)
    return per_step


def sgemm(m, k, n):
    a = torch.rand(m, k)
    b = torch.rand(k, n)
    c = torch.empty(m, n)
    for _ in range(3):
        torch.mm(a, b, out=c)
    per_call = []
    for _ in range(10 if m == 2048 else 40):
        start = time.perf_counter()
        torch.mm(a, b, out=c)
        per_call.append((time.perf_counter() - start) * 1e6)
    return per_call


def main():
    workload, threads = sys.argv[1], sys.argv[2]
    quick = len(sys.argv) > 3 and sys.argv[3] == "quick"
    if threads != "default":
        torch.set_num_threads(int(threads))
    runs = {"xor": lambda: xor(1, quick), "deepxor": lambda: xor(7, quick),
            "gauss": lambda: gauss(20 if quick else 200), "mnist": lambda: mnist(quick),
            "predict": lambda: predict(quick), "wide": wide, "digits": lambda: digits(quick),
            "parity": lambda: parity(quick), "lstm_step": lambda: lstm_step(quick), "sgemm": lambda: sgemm(2048, 2048, 2048),
            "sgemm_wide": lambda: sgemm(256, 1024, 1024)}
    values = runs[workload]()
    print("RESULT impl=torch workload=%s median=%.1f p10=%.1f p90=%.1f n=%d rss_kb=%d version=%s blas=%s threads=%d" % (
        workload, quantile(values, 0.5), quantile(values, 0.1), quantile(values, 0.9), len(values), peak_rss_kb(),
        torch.__version__, blas_name(), torch.get_num_threads()))


def blas_name():
    """The BLAS this torch multiplies with, from its build configuration (mkl for the pip wheel, open for Debian's)."""
    config = torch.__config__.show()
    for line in config.splitlines():
        if "BLAS_INFO" in line:
            return line.split("BLAS_INFO=")[1].split(",")[0].strip()
    return "mkl" if "MKL" in config else "unknown"


if __name__ == "__main__":
    main()
