"""Alternates JVM settings for one Bench workload, round after round, so that a busy machine's drift hits every
setting alike; prints each setting's medians and its ratio to the first setting, pair by pair, and the load.
Usage: python3 bench/ab.py ROUNDS IMPL WORKLOAD [quick] with CONFIGS=settings.json, a list of
{"name": ..., "env": {VAR: value}, "flags": [JVM flags, e.g. -Dknob.master=1], "cp": class path (optional)}.
Needs target/keras4j.jar and `javac -cp target/keras4j.jar -d target/bench bench/Bench.java bench/Knob.java`.
bench/NOTES.md section 6 lists the settings behind its numbers."""
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rounds, impl, workload = int(sys.argv[1]), sys.argv[2], sys.argv[3]
extra = ["quick"] if sys.argv[4:5] == ["quick"] else []
configs = json.load(open(os.environ["CONFIGS"]))
default_cp = os.path.join(ROOT, "target", "bench") + ":" + os.path.join(ROOT, "target", "keras4j.jar")
results = {c["name"]: [] for c in configs}
loads = []
for r in range(rounds):
    for c in configs:
        env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")}
        env.update(c.get("env", {}))
        cmd = ["java"] + c.get("flags", []) + ["-cp", c.get("cp", default_cp), "Knob", impl, workload] + extra
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        line = [l for l in proc.stdout.splitlines() if l.startswith("RESULT") and " workload=%s " % workload in l]
        if not line:
            print("FAIL", c["name"], (proc.stdout + proc.stderr)[-1500:])
            continue
        fields = dict(kv.split("=", 1) for kv in line[0].split()[1:] if "=" in kv)
        results[c["name"]].append(float(fields["median"]))
        if r == 0:
            print(c["name"], line[0], flush=True)
    loads.append(open("/proc/loadavg").read().split()[0])
base = configs[0]["name"]
for c in configs:
    values = results[c["name"]]
    if values:
        ratios = [a / b for a, b in zip(values, results[base])]
        print("%-20s median %10.1f  all %s  ratio to %s, median of pairs %.2f" % (
            c["name"], statistics.median(values), [round(v) for v in values], base, statistics.median(ratios)))
print("load1 per round", loads)
