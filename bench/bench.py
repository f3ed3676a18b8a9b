"""Runs every benchmark worker side by side, each workload and implementation in its own process, at the user's
default threads and at one thread, and prints / appends the comparison table (issue 14's table).

Workers: bench/Bench.java (keras4j with its default training step, keras4j on DL4J's fit through the engine's
switch, and the same network written against DL4J), bench/torch_bench.py (PyTorch from pip in the virtual
environment bench/run.sh creates, and Debian's python3-torch), bench/keras_bench.py (Keras 3 on JAX and on
TensorFlow, same environment). Started by bench/run.sh, which installs the peers and builds the jar first; a peer
that is not installed is skipped and the table says so.

"default threads" runs every process without any thread setting: no OMP_NUM_THREADS, PyTorch's, TensorFlow's and
XLA's own choices, keras4j's defaults. "1 thread" sets OMP_NUM_THREADS=1 (and MKL_NUM_THREADS) for every process,
torch.set_num_threads(1), TensorFlow's intra/inter-op threads 1 and XLA's single-threaded Eigen."""
import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKLOADS = ["xor", "deepxor", "gauss", "mnist", "predict", "wide", "digits", "parity", "lstm_step"]
TITLES = {"xor": "tutorial 002's XOR (2-16-1, Adam, MSE, 4 rows), us/step",
          "deepxor": "tutorial 000's deep XOR (2-7x16-1, Adam, MSE, 4 rows), us/step",
          "gauss": "tutorial 004's network (2-4-4-2, SGD momentum 0.99, batch 100), us/step",
          "gauss_total": "tutorial 004's whole run (10,000 points, 200 epochs; 20 with --quick), s",
          "mnist": "Keras's mnist_mlp (784-512-512-10, Dropout 0.2, RMSprop, batch 128), us/step",
          "predict": "predict() of one row on that MLP, us",
          "wide": "wide MLP (784-1024-1024-10, Adam, batch 256), us/step",
          "digits": "tutorial 006's CNN (8x8x1, Conv2D 32 3x3, MaxPooling2D, Dropout, Dense 10; Adam, batch 32), "
                    "us/step",
          "parity": "tutorial 005's LSTM (Masking, LSTM 32 over 20 steps of 2 features, Dense 1; Adam, batch 32), "
                    "us/step",
          "lstm_step": "tutorial 005's LSTM unmasked (LSTM 32 + Dense 1 sigmoid on 20-bit strings, 1 feature; Adam, "
                       "binary cross-entropy, batch 32), us/step"}
WIDE_GFLOP = 3.0 * 2 * 256 * (784 * 1024 + 1024 * 1024 + 1024 * 10) / 1e9
SGEMM_GFLOP = {"sgemm": 2 * 2048 ** 3 / 1e9, "sgemm_wide": 2 * 256 * 1024 * 1024 / 1e9}
# The JVM flags of the hand-tuned DL4J peer (unsafe for long runs: see bench/NOTES.md); not run by default.
TUNED_JVM_FLAGS = ["-Dorg.bytedeco.javacpp.nopointergc=true"]
DEBIAN_PYTHON = "/usr/bin/python3"
# Keras's fit costs milliseconds per call, so the XOR tutorials' one-batch epochs would time fit, not the step; the
# Keras peers run the rows of issue 14's table that have Keras figures (pass --keras-xor for the others).
KERAS_WORKLOADS = ["gauss", "mnist", "predict", "wide"]
IMPLS = ["keras4j", "keras4j-dl4j", "dl4j", "torch", "torch-debian", "keras-jax", "keras-tf"]
IMPL_TITLES = {"keras4j": "keras4j", "keras4j-dl4j": "keras4j, DL4J's fit", "dl4j": "DL4J",
               "dl4j-tuned": "DL4J nopointergc", "torch": "PyTorch (pip)", "torch-debian": "PyTorch (Debian)",
               "keras-jax": "Keras 3 / JAX", "keras-tf": "Keras 3 / TF"}


def venv_python():
    return os.environ.get("KERAS4J_BENCH_PYTHON", os.path.expanduser("~/.cache/keras4j-bench/venv/bin/python"))


def available(impl):
    """None when the peer can run, else why not (the table says it)."""
    checks = {"torch": (venv_python(), "import torch"), "torch-debian": (DEBIAN_PYTHON, "import torch"),
              "keras-jax": (venv_python(), "import keras, jax"),
              "keras-tf": (venv_python(), "import keras, tensorflow")}
    if impl == "keras4j-dl4j":
        methods = subprocess.run(["javap", "-cp", os.path.join(ROOT, "target", "keras4j.jar"),
                                  "io.github.keras4j.Backend"], capture_output=True, text=True).stdout
        return None if "compiledSteps(boolean)" in methods else (
            "this build has no Backend.compiledSteps switch: every keras4j step is DL4J's fit")
    if impl not in checks:
        return None
    python, code = checks[impl]
    if not os.path.exists(python):
        return "%s is missing" % python
    proc = subprocess.run([python, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    return None if proc.returncode == 0 else "%s cannot %s" % (python, code)


def command(impl, workload, threads, quick, jvm_flags):
    q = ["quick"] if quick else []
    if impl in ("torch", "torch-debian"):
        python = venv_python() if impl == "torch" else DEBIAN_PYTHON
        return [python, os.path.join(ROOT, "bench", "torch_bench.py"), workload, threads] + q
    if impl.startswith("keras-"):
        return [venv_python(), os.path.join(ROOT, "bench", "keras_bench.py"), workload, threads] + q
    flags = TUNED_JVM_FLAGS if impl == "dl4j-tuned" else []
    cp = os.path.join(ROOT, "target", "bench") + ":" + os.path.join(ROOT, "target", "keras4j.jar")
    return ["java"] + flags + jvm_flags + ["-cp", cp, "Bench", impl, workload] + q


def environment(impl, threads):
    env = {k: v for k, v in os.environ.items()
           if k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "XLA_FLAGS", "KERAS_BACKEND")}
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    if impl == "keras-jax":
        env["KERAS_BACKEND"] = "jax"
    elif impl == "keras-tf":
        env["KERAS_BACKEND"] = "tensorflow"
    if threads != "default":
        env["OMP_NUM_THREADS"] = threads
        env["MKL_NUM_THREADS"] = threads
        if impl == "keras-jax":
            env["XLA_FLAGS"] = "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=" + threads
    return env


def run_worker(cmd, env):
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            fields = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
            # The keras4j worker's path field holds spaces; keep the rest of the line.
            match = re.search(r" path=(.*?) blas=", line)
            if match:
                fields["path"] = match.group(1)
            results[fields["workload"]] = fields
    if proc.returncode != 0 or not results:
        sys.stderr.write("worker failed: %s\n%s\n" % (" ".join(cmd), (proc.stdout + proc.stderr)[-3000:]))
    return results


def startup_seconds(tries):
    """Wall time from starting `java` to tutorial 000's first `Epoch 1/500` line (user defaults)."""
    cmd = ["java", "-cp", os.path.join(ROOT, "target", "keras4j.jar"), "io.github.keras4j.examples.Tutorial000Xor",
           "1"]
    times = []
    for _ in range(tries):
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=environment("keras4j", "default"), stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        seen = None
        for line in proc.stdout:
            if line.startswith("Epoch 1/500"):
                seen = time.monotonic() - start
                break
        proc.kill()
        proc.wait()
        if seen is not None:
            times.append(seen)
    return statistics.median(times) if times else float("nan")


def machine():
    model = "unknown"
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name"):
            model = line.split(":", 1)[1].strip()
    return "%s, %d cores" % (model, os.cpu_count())


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def cell(r, key="median", scale=1.0, fmt="%.0f"):
    if r is None:
        return "-"
    return fmt % (float(r[key]) * scale)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer steps; tutorial 004 runs 20 epochs, not 200")
    parser.add_argument("--threads", default="default,1",
                        help="comma-separated thread settings: default (the user's defaults) and/or numbers")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--impls", default=",".join(IMPLS), help="of " + ", ".join(IMPL_TITLES))
    parser.add_argument("--jvm-flag", action="append", default=[], help="extra flag for every JVM (experiments)")
    parser.add_argument("--write", default=os.path.join(ROOT, "bench", "RESULTS.md"),
                        help="markdown file to append the results to ('' for none)")
    parser.add_argument("--json", default=os.path.join(ROOT, "target", "bench", "results.json"),
                        help="file for the raw RESULT fields ('' for none)")
    parser.add_argument("--keras-xor", action="store_true", help="run the Keras peers on the XOR workloads too")
    parser.add_argument("--from-json", help="print the table of a saved run (its --json file) and exit")
    args = parser.parse_args()
    if args.from_json:
        print(from_json(args))
        return
    thread_settings = args.threads.split(",")
    workloads = args.workloads.split(",")
    skipped = {}
    impls = []
    for impl in args.impls.split(","):
        reason = available(impl)
        if reason:
            skipped[impl] = reason
            print("skipping %s: %s" % (IMPL_TITLES.get(impl, impl), reason), file=sys.stderr)
        else:
            impls.append(impl)
    started = datetime.datetime.now()
    loads = [load()]

    results = {}  # (threads, impl, workload) -> fields
    for threads in thread_settings:
        for workload in workloads:
            for impl in impls:
                if impl.startswith("keras-") and workload not in KERAS_WORKLOADS and not args.keras_xor:
                    continue
                runs = ["predict", "predict_call"] if workload == "predict" and impl.startswith("keras-") else [workload]
                for run in runs:
                    print("[%s] threads=%s %s %s ..." % (load(), threads, impl, run), file=sys.stderr, flush=True)
                    got = run_worker(command(impl, run, threads, args.quick, args.jvm_flag), environment(impl, threads))
                    for key, fields in got.items():
                        results[(threads, impl, key)] = fields
                    save(args, results, loads, impls, skipped, started)
            loads.append(load())
        for impl in impls:
            if impl in ("keras4j-dl4j", "dl4j-tuned"):
                continue
            for gemm in SGEMM_GFLOP:
                got = run_worker(command(impl, gemm, threads, False, args.jvm_flag), environment(impl, threads))
                if gemm in got:
                    results[(threads, impl, gemm)] = got[gemm]
        loads.append(load())
    startup = startup_seconds(3)
    loads.append(load())
    save(args, results, loads, impls, skipped, started, startup)
    text = report(args, started, impls, skipped, workloads, thread_settings, results, loads, startup)
    print(text)
    if args.write:
        with open(args.write, "a") as out:
            out.write(text + "\n")


def save(args, results, loads, impls, skipped, started, startup=float("nan")):
    """Writes every result so far (bench.py --from-json FILE prints the table of an interrupted run)."""
    if not args.json:
        return
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as out:
        json.dump({"results": {"|".join(k): v for k, v in results.items()}, "loads": loads + [load()],
                   "impls": impls, "skipped": skipped, "started": started.isoformat(), "startup": startup,
                   "quick": args.quick}, out, indent=1)


def from_json(args):
    """The table of a saved (possibly interrupted) run."""
    saved = json.load(open(args.from_json))
    results = {tuple(k.split("|")): v for k, v in saved["results"].items()}
    args.quick = saved["quick"]
    threads = [t for t in args.threads.split(",") if any(k[0] == t for k in results)]
    workloads = [w for w in args.workloads.split(",") if any(k[2] == w for k in results)]
    return report(args, datetime.datetime.fromisoformat(saved["started"]), saved["impls"], saved["skipped"],
                  workloads, threads, results, saved["loads"], saved["startup"])


def report(args, started, impls, skipped, workloads, thread_settings, results, loads, startup):
    lines = ["## %s %s" % (started.strftime("%Y-%m-%d %H:%M"), "(quick)" if args.quick else "(full)"), ""]
    lines.append("Machine: %s. Load average (1, 5, 15 min) before the run, after each thread setting's workloads "
                 "and at the end: %s." % (machine(), "; ".join(loads)))
    k = next((results[key] for key in results if key[1] == "keras4j" and "native" in results[key]), None)
    if k:
        lines.append("keras4j: %s BLAS, ND4J build %s, training path %s." % (k.get("blas"), k.get("native"),
                                                                           k.get("path")))
    for impl in impls:
        r = next((results[key] for key in results if key[1] == impl and "version" in results[key]), None)
        if r:
            lines.append("%s: %s%s." % (IMPL_TITLES[impl], r["version"], ", BLAS " + r["blas"] if "blas" in r else ""))
    for impl, reason in skipped.items():
        lines.append("%s: not run (%s)." % (IMPL_TITLES.get(impl, impl), reason))
    lines.append("")
    for threads in thread_settings:
        lines.append("### %s" % ("default threads (no environment variable)" if threads == "default"
                                  else "%s thread%s (OMP_NUM_THREADS=%s and each framework's setting)"
                                  % (threads, "" if threads == "1" else "s", threads)))
        lines.append("")
        lines.append("| workload | " + " | ".join(IMPL_TITLES[i] for i in impls) + " | keras4j / PyTorch (pip) |")
        lines.append("|---|" + "---|" * (len(impls) + 1))
        rows = [w for w in workloads] + (["gauss_total"] if "gauss" in workloads else [])
        for workload in rows:
            cells = []
            for impl in impls:
                r = results.get((threads, impl, workload))
                if workload == "gauss_total":
                    cells.append(cell(r, "seconds", fmt="%.2f"))
                elif workload == "predict" and impl.startswith("keras-"):
                    call = results.get((threads, impl, "predict_call"))
                    cells.append("%s (model(x): %s)" % (cell(r), cell(call)))
                else:
                    cells.append(cell(r) + ("" if r is None else " (%s-%s)" % (cell(r, "p10"), cell(r, "p90"))))
            k = results.get((threads, "keras4j", workload))
            t = results.get((threads, "torch", workload))
            key = "seconds" if workload == "gauss_total" else "median"
            ratio = "%.2fx" % (float(k[key]) / float(t[key])) if k and t else "-"
            lines.append("| %s | %s | %s |" % (TITLES[workload], " | ".join(cells), ratio))
        lines.append("")
        gemm_rates = []
        for impl in impls:
            rates = []
            for gemm, gflop in SGEMM_GFLOP.items():
                r = results.get((threads, impl, gemm))
                if r:
                    rates.append("%s %.1f" % ("2048^3" if gemm == "sgemm" else "256x1024x1024",
                                              gflop / (float(r["median"]) / 1e6)))
            if rates:
                gemm_rates.append("%s %s" % (IMPL_TITLES[impl], ", ".join(rates)))
        lines.append("- sgemm GFLOP/s: " + "; ".join(gemm_rates) + ".")
        nd4j = results.get((threads, "keras4j", "sgemm_wide"))
        for impl in ("keras4j", "keras4j-dl4j", "dl4j", "torch"):
            r = results.get((threads, impl, "wide"))
            if r and nd4j:
                gflops = WIDE_GFLOP / (float(r["median"]) / 1e6)
                lines.append("- wide MLP %s: %.1f GFLOP/s = %.0f%% of ND4J's 256x1024x1024 sgemm rate (%.2f GFLOP "
                             "per step)" % (IMPL_TITLES[impl], gflops, 100 * gflops / (SGEMM_GFLOP["sgemm_wide"] / (
                                 float(nd4j["median"]) / 1e6)), WIDE_GFLOP))
        for workload in ("xor", "deepxor", "lstm_step", "parity"):
            k = results.get((threads, "keras4j", workload))
            d = results.get((threads, "keras4j-dl4j", workload))
            if k and d and k.get("path") != d.get("path"):
                lines.append("- %s: keras4j's compiled step %.2fx the time of DL4J's fit" % (
                    workload, float(k["median"]) / float(d["median"])))
        lines.append("")
    if startup == startup:
        lines.append("- java start to tutorial 000's first `Epoch 1/500` line: %.2f s (median of 3)" % startup)
    else:
        lines.append("- (interrupted run: the table holds the workers that finished)")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
