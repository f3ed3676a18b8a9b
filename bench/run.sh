#!/bin/sh
# The side-by-side benchmark of issue 14: keras4j (its default step and DL4J's fit), DL4J, PyTorch from pip and
# Debian's, Keras 3 on JAX and on TensorFlow, at default threads and at one thread.
# Usage: bench/run.sh [--quick] [--threads default,1] [--workloads xor,deepxor,gauss,mnist,predict,wide,digits,parity]
#                     [--impls keras4j,keras4j-dl4j,dl4j,torch,torch-debian,keras-jax,keras-tf] [--write FILE]
# Appends its table to bench/RESULTS.md (bench/NOTES.md says what the numbers mean). Installs what it needs:
# Debian's python3-torch with OpenBLAS (apt), and a virtual environment with PyTorch, JAX, Keras and TensorFlow
# (pip; KERAS4J_BENCH_VENV names its folder, default ~/.cache/keras4j-bench/venv; TORCH_SPEC the torch wheel,
# default torch==2.13.0+cpu). A peer that cannot be installed is skipped, and the table says so.
set -e
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null \
        || ! ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 >/dev/null 2>&1; then
    echo "installing python3-torch, libopenblas0-pthread, python3-numpy" >&2
    # Without libopenblas0-pthread Debian's torch runs on the reference BLAS, about 30x slower.
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        python3-torch libopenblas0-pthread python3-numpy >&2; } || echo "could not install Debian's PyTorch" >&2
fi

venv=${KERAS4J_BENCH_VENV:-$HOME/.cache/keras4j-bench/venv}
if [ ! -x "$venv/bin/python" ]; then
    echo "creating the virtual environment $venv" >&2
    /usr/bin/python3 -m venv "$venv" >&2 || python3 -m venv "$venv" >&2 || echo "could not create $venv" >&2
fi
if [ -x "$venv/bin/python" ]; then
    "$venv/bin/python" -c 'import torch' 2>/dev/null \
        || "$venv/bin/pip" install -q --retries 0 "${TORCH_SPEC:-torch==2.13.0+cpu}" >&2 \
        || echo "could not install ${TORCH_SPEC:-torch==2.13.0+cpu} from pip: the PyTorch (pip) peer is skipped" >&2
    for module in jax keras tensorflow; do
        package=$module
        [ "$module" = tensorflow ] && package=tensorflow-cpu
        "$venv/bin/python" -c "import $module" 2>/dev/null \
            || "$venv/bin/pip" install -q --retries 0 "$package" >&2 \
            || echo "could not install $package from pip: the Keras peers that need it are skipped" >&2
    done
fi
export KERAS4J_BENCH_PYTHON="$venv/bin/python"

if [ ! -f target/keras4j.jar ] || [ -n "$(find src/main pom.xml -newer target/keras4j.jar -type f | head -1)" ]; then
    mvn -B -q package -DskipTests
fi
mkdir -p target/bench
javac -nowarn -cp target/keras4j.jar -d target/bench bench/Bench.java 2>/dev/null \
    || javac -cp target/keras4j.jar -d target/bench bench/Bench.java

exec /usr/bin/python3 bench/bench.py "$@"
