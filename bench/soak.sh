#!/bin/sh
# Soak run (issue #6): 1,000,000 XOR steps through keras4j's fit; resident memory must stay within 10% of its
# value after warm-up (the first 10% of the steps, then until the next garbage collection; bench/Soak.java).
# Usage: bench/soak.sh [steps] [samples] [extra JVM flags...]
set -e
cd "$(dirname "$0")/.."
[ -f target/keras4j.jar ] || mvn -B -q package -DskipTests
mkdir -p target/bench
javac -nowarn -cp target/keras4j.jar -d target/bench bench/Soak.java 2>/dev/null
steps=${1:-1000000}; samples=${2:-50}
# dash exits on a failing shift even after ||: shift only what is there.
if [ $# -ge 2 ]; then shift 2; else shift $#; fi
exec java "$@" -cp target/bench:target/keras4j.jar Soak "$steps" "$samples"
