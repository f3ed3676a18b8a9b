"""Runs every benchmark worker (bench/Bench.java for keras4j and DL4J, bench/torch_bench.py for PyTorch), each
workload and implementation in its own process, side by side, and prints / writes the comparison table.
Started by bench/run.sh, which installs PyTorch and builds the jar first."""
import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKLOADS = ["xor", "deepxor", "gauss", "wide"]
TITLES = {"xor": "XOR, Dense(16)+Dense(1), 4 rows (tutorial 002)",
          "deepxor": "deep XOR, 7 x Dense(16)+Dense(1), 4 rows (tutorial 000)",
          "gauss": "gaussian XOR, 10000 pts, batch 100, whole run (tutorial 004)",
          "wide": "MLP 784-1024-1024-10, batch 256, Adam, softmax+CE"}
WIDE_GFLOP = 3.0 * 2 * 256 * (784 * 1024 + 1024 * 1024 + 1024 * 10) / 1e9
SGEMM_GFLOP = 2 * 2048 ** 3 / 1e9
# The JVM flags of the hand-tuned DL4J peer; the keras4j launcher passes the same (see bench/NOTES.md).
TUNED_JVM_FLAGS = ["-Dorg.bytedeco.javacpp.nopointergc=true"]
TORCH_PYTHON = "/usr/bin/python3"  # Debian's python3-torch lives in the system interpreter


def java_cmd(impl, workload, quick, extra_flags):
    flags = TUNED_JVM_FLAGS if impl == "dl4j-tuned" else []
    cp = os.path.join(ROOT, "target", "bench") + ":" + os.path.join(ROOT, "target", "keras4j.jar")
    return ["java"] + flags + extra_flags + ["-cp", cp, "Bench", impl, workload] + (["quick"] if quick else [])


def run_worker(cmd, env):
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            fields = dict(kv.split("=", 1) for kv in line.split()[1:])
            results[fields["workload"]] = fields
    if proc.returncode != 0 or not results:
        sys.stderr.write("worker failed: %s\n%s\n" % (" ".join(cmd), (proc.stdout + proc.stderr)[-3000:]))
    return results


def startup_seconds(env, tries):
    """Wall time from starting `java` to tutorial 000's first `Epoch 1/500` line."""
    cmd = ["java", "-cp", os.path.join(ROOT, "target", "keras4j.jar"), "io.github.keras4j.examples.Tutorial000Xor",
           "1"]
    times = []
    for _ in range(tries):
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
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
    return "%s, %d cores, load average before the run %s" % (model, os.cpu_count(), open("/proc/loadavg").read().split()[:3])


def fmt_us(r):
    if r is None:
        return "failed", ""
    return "%.0f" % float(r["median"]), "%.0f-%.0f" % (float(r["p10"]), float(r["p90"]))


def ratio(a, b):
    if a is None or b is None:
        return "n/a"
    return "%.2fx" % (float(a["median"]) / float(b["median"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer steps; tutorial 004 runs 20 epochs, not 200")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="threads for ND4J/OpenMP and torch")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--impls", default="keras4j,dl4j,dl4j-tuned,torch")
    parser.add_argument("--jvm-flag", action="append", default=[], help="extra flag for every JVM (experiments)")
    parser.add_argument("--write", default=os.path.join(ROOT, "bench", "RESULTS.md"),
                        help="markdown file to append the results to ('' for none)")
    args = parser.parse_args()
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    impls = args.impls.split(",")
    workloads = args.workloads.split(",")
    load_before = machine()
    started = datetime.datetime.now()

    results = {}
    for workload in workloads:
        for impl in impls:
            if impl == "torch":
                cmd = [TORCH_PYTHON, os.path.join(ROOT, "bench", "torch_bench.py"), workload, str(args.threads)] + (
                    ["quick"] if args.quick else [])
            else:
                cmd = java_cmd(impl, workload, args.quick, args.jvm_flag)
            print("running %s %s ..." % (impl, workload), file=sys.stderr, flush=True)
            for key, fields in run_worker(cmd, env).items():
                results[(impl, key)] = fields
    sgemm = {}
    for impl in ("dl4j", "torch"):
        cmd = ([TORCH_PYTHON, os.path.join(ROOT, "bench", "torch_bench.py"), "sgemm", str(args.threads)]
               if impl == "torch" else java_cmd("dl4j", "sgemm", False, args.jvm_flag))
        r = run_worker(cmd, env).get("sgemm")
        sgemm[impl] = SGEMM_GFLOP / (float(r["median"]) / 1e6) if r else float("nan")
    startup = startup_seconds(env, 3)

    lines = []
    lines.append("## %s %s" % (started.strftime("%Y-%m-%d %H:%M"), "(quick)" if args.quick else "(full)"))
    lines.append("")
    lines.append("Machine: %s. Threads: %d (OMP_NUM_THREADS and torch.set_num_threads)." % (load_before, args.threads))
    lines.append("sgemm 2048^3: ND4J %.1f GFLOP/s, torch %.1f GFLOP/s (a torch far below ND4J would be a crippled "
                 "peer)." % (sgemm["dl4j"], sgemm["torch"]))
    lines.append("")
    header = "| workload | impl | us/step median | p10-p90 | peak RSS MB | vs torch | keras4j/this |"
    lines.append(header)
    lines.append("|---|---|---|---|---|---|---|")
    for workload in workloads:
        k = results.get(("keras4j", workload))
        for impl in impls:
            r = results.get((impl, workload))
            median, spread = fmt_us(r)
            rss = "%.0f" % (int(r["rss_kb"]) / 1024) if r else ""
            vs_torch = ratio(r, results.get(("torch", workload))) if impl != "torch" else ""
            k_over = ratio(k, r) if impl != "keras4j" else ""
            lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (workload, impl, median, spread, rss, vs_torch, k_over))
    lines.append("")
    for impl in impls:
        total = results.get((impl, "gauss_total"))
        if total:
            lines.append("- tutorial 004 whole run (%s epochs), %s: %s s" % (total["epochs"], impl, total["seconds"]))
    for impl in impls:
        r = results.get((impl, "wide"))
        if r:
            gflops = WIDE_GFLOP / (float(r["median"]) / 1e6)
            lines.append("- wide MLP %s: %.1f GFLOP/s = %.0f%% of ND4J's sgemm rate (%.2f GFLOP per step)" % (
                impl, gflops, 100 * gflops / sgemm["dl4j"], WIDE_GFLOP))
    lines.append("- java start to tutorial 000's first `Epoch 1/500` line: %.2f s (median of 3)" % startup)
    lines.append("- load average after the run: %s" % open("/proc/loadavg").read().split()[:3])
    lines.append("")
    text = "\n".join(lines)
    print(text)
    if args.write:
        with open(args.write, "a") as out:
            out.write(text + "\n")


if __name__ == "__main__":
    main()
