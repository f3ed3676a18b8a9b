#!/bin/sh
# The Spark epoch-time benchmark of issue #8 item 5: tutorial 004 (gaussian XOR) and the wide MLP, each trained on
# one machine, on Spark with parameter averaging and on Spark with gradient sharing, every run in its own JVM.
# Usage: bench/spark.sh [--epochs N] [--master URL] [--threads N] [--write FILE]
#   defaults: 5 epochs, local[2], ND4J's own thread count (OMP_NUM_THREADS as inherited), bench/RESULTS.md.
#   --threads N sets OMP_NUM_THREADS for every JVM: on a loaded 2-core machine ND4J's default of one OpenMP thread
#   per core made tutorial 004's one-machine epochs ~10x slower (bench/NOTES.md "Spark").
# Appends its table to FILE (see bench/NOTES.md "Spark" for what the numbers mean).
set -e
cd "$(dirname "$0")/.."
command_line=$(echo "bench/spark.sh $*" | sed 's/ *$//')
epochs=5
master='local[2]'
results=bench/RESULTS.md
while [ $# -gt 0 ]; do
    case "$1" in
        --epochs) epochs="$2"; shift 2 ;;
        --master) master="$2"; shift 2 ;;
        --threads) export OMP_NUM_THREADS="$2"; shift 2 ;;
        --write) results="$2"; shift 2 ;;
        *) echo "bench/spark.sh: unknown option '$1' (--epochs N, --master URL, --threads N, --write FILE)" >&2
           exit 2 ;;
    esac
done
# One JVM may hang in gradient sharing; it is cut off after this long and reported as such.
run_limit=${SPARKBENCH_TIMEOUT:-240}

if [ ! -f target/keras4j.jar ] || [ ! -d target/spark-lib ] \
        || [ -n "$(find src/main -newer target/keras4j.jar -name '*.java' | head -1)" ]; then
    mvn -B -q package -DskipTests
fi
mkdir -p target/sparkbench
classpath="target/keras4j.jar:target/spark-lib/*"
javac -nowarn -cp "$classpath" -d target/sparkbench bench/SparkBench.java
# The JVM flags Spark needs on Java 17: the pom's spark.jvm.flags (the ./keras4j launcher passes the same).
spark_flags=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
[ -n "$spark_flags" ] || { echo "bench/spark.sh: no spark.jvm.flags in pom.xml" >&2; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date '+%Y-%m-%d %H:%M')
log=target/sparkbench/run.log
: > "$log"
results_tmp=target/sparkbench/results.txt
: > "$results_tmp"
for workload in gauss wide; do
    for mode in local averaging sharing; do
        echo "== $workload $mode" | tee -a "$log" >&2
        begin=$(date +%s.%N)
        # shellcheck disable=SC2086
        if timeout "$run_limit" java $spark_flags -cp "target/sparkbench:$classpath" SparkBench "$workload" "$mode" \
                "$epochs" "$master" >> "$log" 2>&1; then
            status=ok
        else
            status="failed (exit $?)"
        fi
        jvm=$(echo "$(date +%s.%N) - $begin" | bc)
        line=$(grep "^RESULT workload=$workload mode=$mode " "$log" | tail -1)
        if [ "$status" = ok ] && [ -n "$line" ]; then
            echo "$line jvm=$jvm" >> "$results_tmp"
        else
            echo "RESULT workload=$workload mode=$mode status=$status jvm=$jvm" >> "$results_tmp"
            echo "   $status; last lines of the log:" >&2
            tail -5 "$log" >&2
        fi
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

table=$(awk -v epochs="$epochs" -v master="$master" '
    function field(name,    i, kv) {
        for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
        return ""
    }
    BEGIN {
        name["gauss"] = "tutorial 004 (gaussian XOR, 10000 rows, batch 100)"
        name["wide"] = "wide MLP (784-1024-1024-10, 2048 rows, batch 256)"
        label["local"] = "one machine"
        label["averaging"] = "Spark " master " averaging"
        label["sharing"] = "Spark " master " sharing (1 worker/node)"
        print "| workload | mode | first epoch s | later epochs median s (min-max) | later vs one machine | scoring pass s | Spark context s | JVM total s | final loss | test accuracy |"
        print "|---|---|---|---|---|---|---|---|---|---|"
    }
    {
        w = field("workload"); m = field("mode")
        if (field("status") != "") {
            printf "| %s | %s | %s | | | | | %.1f | | |\n", name[w], label[m], field("status"), field("jvm")
            next
        }
        later = field("later_median")
        if (m == "local") base[w] = later
        ratio = (m != "local" && base[w] > 0) ? sprintf("%.1fx", later / base[w]) : ""
        scoring = field("scoring") == "NaN" ? "" : field("scoring")
        context = field("context") == "NaN" ? "" : field("context")
        acc = field("test_acc") == "NaN" ? "- (random labels)" : field("test_acc")
        printf "| %s | %s | %s | %s (%s-%s) | %s | %s | %s | %.1f | %s | %s |\n", name[w], label[m], field("first"),
            later, field("later_min"), field("later_max"), ratio, scoring, context, field("jvm"), field("final_loss"),
            acc
    }' "$results_tmp")
threads=$(sed -n 's/.*threads=\([^ ]*\).*/\1/p' "$results_tmp" | head -1)

{
    echo "## $started (Spark epoch times, issue #8 item 5)"
    echo
    echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(getconf _NPROCESSORS_ONLN) cores, load average" \
        "before the run $load_before, after $load_after. OMP_NUM_THREADS: ${threads:-default}."
    echo "Command: \`$command_line\` ($epochs epochs per run, each run in its own JVM; Spark master $master)."
    echo
    echo "$table"
    echo
    echo "An epoch on Spark is SparkDl4jMultiLayer.fit(rdd) plus the scoring pass (the epoch's loss and metrics over the"
    echo "training RDD, timed alone in its column). Test accuracy: model.evaluate on this machine. bench/NOTES.md \"Spark\"."
    echo
} > target/sparkbench/table.md
cat target/sparkbench/table.md
cat target/sparkbench/table.md >> "$results"
echo "appended to $results; the JVMs' output is in $log" >&2
