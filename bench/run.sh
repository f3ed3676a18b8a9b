#!/bin/sh
# The side-by-side benchmark of issue #6: keras4j, raw DL4J (defaults), hand-tuned DL4J and PyTorch on the CPU.
# Usage: bench/run.sh [--quick] [--threads N] [--workloads xor,deepxor,gauss,wide] [--write FILE]
# Appends its table to bench/RESULTS.md (see bench/NOTES.md for what the numbers mean).
set -e
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null \
        || ! ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 >/dev/null 2>&1; then
    echo "installing python3-torch, libopenblas0-pthread, python3-numpy" >&2
    # Without libopenblas0-pthread Debian's torch runs on the reference BLAS, about 30x slower.
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        python3-torch libopenblas0-pthread python3-numpy >&2
fi

if [ ! -f target/keras4j.jar ] || [ -n "$(find src/main -newer target/keras4j.jar -name '*.java' | head -1)" ]; then
    mvn -B -q package -DskipTests
fi
mkdir -p target/bench
javac -nowarn -cp target/keras4j.jar -d target/bench bench/Bench.java 2>/dev/null \
    || javac -cp target/keras4j.jar -d target/bench bench/Bench.java

exec /usr/bin/python3 bench/bench.py "$@"
