# Shared by bench/spark-cluster.sh and bench/spark-bench.sh (sourced): a standalone Spark cluster on loopback,
# started from calcify-spark's own jars (calcify-spark/target/lib), and the comparison of two cohort outputs.
spark_lib="$root/calcify-spark/target/lib"
spark_opens="-XX:+IgnoreUnrecognizedVMOptions"
for o in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  spark_opens="$spark_opens --add-opens=java.base/$o=ALL-UNNAMED"
done
cluster_pids=()

# A SPARK_HOME whose jars/ are the module's: a worker builds its executors' class path from it.
spark_home() {
  local home="$1"
  mkdir -p "$home"
  ln -sfn "$spark_lib" "$home/jars"
  touch "$home/RELEASE"
}

# start_cluster WORK WORKERS [setsid] [pin] [CORES]: a master on 127.0.0.1:7077 and WORKERS workers of CORES cores
# each (default 1; 2 GiB per core);
# with setsid each worker (and so its executor) runs in a session of its own, as on separate machines: Linux's
# autogroup scheduling then gives each executor its own share of a shared machine's cores. With pin, worker i (and
# its executor, a child) is bound to CPUs of its own (taskset; CPU i-1 for one-core workers), as a one-core machine would be: a task's JVM runs more than
# one thread (the patch cutter beside the network, the garbage collector), which an unbound "one-core" worker
# spreads over every core of the machine.
start_cluster() {
  local work="$1" workers="$2" own_session="${3:-}" pin="${4:-}" cores="${5:-1}"
  spark_home "$work/spark-home"
  # SPARK_SCALA_VERSION: the launcher library a worker builds executor commands with asks for it outside a Spark distribution
  export SPARK_HOME="$work/spark-home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
  java -Xmx512m $spark_opens -cp "$spark_lib/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port 7077 --webui-port 18080 > "$work/master.log" 2>&1 &
  cluster_pids+=($!)
  for i in $(seq 1 "$workers"); do
    mkdir -p "$work/worker-$i"
    ${own_session:+setsid} ${pin:+taskset -c $(((i - 1) * cores))-$((i * cores - 1))} java -Xmx512m $spark_opens -cp "$spark_lib/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$cores" --memory $((2 * cores))g --webui-port $((18080 + i)) --work-dir "$work/worker-$i" \
      spark://127.0.0.1:7077 > "$work/worker-$i.log" 2>&1 &
    cluster_pids+=($!)
  done
  # ready when every worker has registered
  for _ in $(seq 1 120); do
    n=$(grep -c "Registering worker" "$work/master.log" 2>/dev/null || true)
    [ "${n:-0}" -ge "$workers" ] && return 0
    sleep 1
  done
  echo "spark cluster did not come up; see $work/*.log" >&2
  return 1
}

# stop_cluster: ends the processes start_cluster started (and their executors, children of the workers)
stop_cluster() {
  for p in "${cluster_pids[@]}"; do
    pkill -TERM -P "$p" 2>/dev/null || true
    kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  cluster_pids=()
}

# same_outputs A B: label maps byte for byte, cohort.csv and lesions.csv equal but for the seconds column
same_outputs() {
  local a="$1" b="$2" bad=0 n=0
  for d in "$a"/*/; do
    c=$(basename "$d")
    [ -f "$d/labels.nii.gz" ] || continue
    n=$((n + 1))
    cmp -s "$d/labels.nii.gz" "$b/$c/labels.nii.gz" || { echo "differs: $c/labels.nii.gz" >&2; bad=1; }
  done
  /usr/bin/python3 - "$a" "$b" <<'PY' || bad=1
import csv, sys
def rows(p):
    with open(p) as f:
        r = list(csv.DictReader(f))
    for x in r:
        x.pop('seconds', None)
    return r
import os
for t in ('cohort.csv', 'lesions.csv'):
    if not (os.path.exists(sys.argv[1] + '/' + t) and os.path.exists(sys.argv[2] + '/' + t)):
        continue  # calcify detect writes no lesions.csv
    if rows(sys.argv[1] + '/' + t) != rows(sys.argv[2] + '/' + t):
        print('differs: ' + t, file=sys.stderr)
        sys.exit(1)
PY
  [ "$bad" = 0 ] && echo "identical: $n label maps byte for byte, and the tables both have (seconds aside)"
  return "$bad"
}

# phantom_cohort WORK SCANS SIZE: WORK/in, the phantom cohort (seed 21, 40-60 slices), kept between runs with the same
# SCANS and SIZE (it takes minutes at 512²); another SCANS or SIZE starts WORK afresh
phantom_cohort() {
  local work="$1" scans="$2" size="$3"
  if [ "$(cat "$work/in.key" 2>/dev/null)" != "$scans $size" ]; then
    rm -rf "$work"; mkdir -p "$work"
    "$root/calcify" phantom --out "$work/in" --count "$scans" --seed 21 --size "$size" --slices 40-60 > /dev/null
    echo "$scans $size" > "$work/in.key"
  fi
}
