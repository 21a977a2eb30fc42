#!/usr/bin/env bash
# Fogbank vs ElasticMQ on one SQS workload, interleaved (F E F E ...), same driver, same
# concurrency, both servers on loopback. For each run the driver reads the server's utime+stime
# from /proc/<pid>/stat at the start and end of its measured window (CLK_TCK from getconf), so
# the table reports ops per server CPU-second next to raw ops/s and p99.
#
#   bench/scripts/compare-sqs.sh            # defaults below; override with env
#
# WARMUP and PRIME_SECONDS are long for the reason lib/compare.sh gives (the driver's and the
# servers' JIT compilers otherwise share the measured window).
#
# Env: WORKLOAD=sqs-send-receive-delete ROUNDS=2 SECONDS_PER_RUN=20 WARMUP=30 PRIME_SECONDS=60 CONCURRENCY=8
#      SIZE=1024 FOGBANK_PORT=4599 ELASTICMQ_PORT=9399 JAVA=<jdk 25 java>
#      FOGBANK_JAVA_OPTS="..." (extra JVM flags for Fogbank, after those ./fogbank uses)
# Needs: app/target/fogbank.jar (mvn -B -q -o package -DskipTests -pl app) and
#        bench/target/fogbank-bench.jar (mvn -B -q -o package -pl bench).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS_SH="${PEERS_SH:-/work/shared/bench/peers.sh}"
WORKLOAD="${WORKLOAD:-sqs-send-receive-delete}"
ROUNDS="${ROUNDS:-2}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-20}"
WARMUP="${WARMUP:-30}"
PRIME_SECONDS="${PRIME_SECONDS:-60}"
CONCURRENCY="${CONCURRENCY:-8}"
SIZE="${SIZE:-1024}"
FOGBANK_PORT="${FOGBANK_PORT:-4599}"
ELASTICMQ_PORT="${ELASTICMQ_PORT:-9399}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
APP_JAR="${APP_JAR:-$ROOT/app/target/fogbank.jar}"
BENCH_JAR="$ROOT/bench/target/fogbank-bench.jar"
CLK_TCK="$(getconf CLK_TCK)"

die() { echo "compare-sqs: $*" >&2; exit 1; }
[[ -f "$APP_JAR" ]] || die "missing $APP_JAR (mvn -B -q -o package -DskipTests -pl app)"
[[ -f "$BENCH_JAR" ]] || die "missing $BENCH_JAR (mvn -B -q -o package -pl bench)"

work="$(mktemp -d)"
fogbank_pid=""
elasticmq_started=""
cleanup() {
  [[ -n "$fogbank_pid" ]] && kill "$fogbank_pid" 2>/dev/null && wait "$fogbank_pid" 2>/dev/null || true
  # Only the ElasticMQ this script started; peers.sh refuses to start a second one.
  [[ -n "$elasticmq_started" ]] && "$PEERS_SH" stop elasticmq >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# One real SQS call over JSON 1.0, as an SDK sends it (the signature is parsed, not checked).
sqs_ok() {
  [[ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$1/" \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: AmazonSQS.ListQueues' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0' \
    --data '{}')" == 200 ]]
}

# Fogbank as ./fogbank starts it (same JVM flags, minus the class-data archive it writes).
"$JAVA" -XX:+UseSerialGC -Xss512k ${FOGBANK_JAVA_OPTS:-} -jar "$APP_JAR" start \
  --host 127.0.0.1 --port "$FOGBANK_PORT" --services sqs > "$work/fogbank.log" 2>&1 &
fogbank_pid=$!
for _ in $(seq 1 200); do sqs_ok "$FOGBANK_PORT" && break; sleep 0.1; done
sqs_ok "$FOGBANK_PORT" || { tail -n 30 "$work/fogbank.log" >&2; die "Fogbank did not answer on $FOGBANK_PORT"; }

JAVA="$JAVA" "$PEERS_SH" start elasticmq "$ELASTICMQ_PORT" >&2
elasticmq_started=1
elasticmq_pid="$(cat "${PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fogbank-peers}/elasticmq.pid")"

echo "workload=$WORKLOAD rounds=$ROUNDS seconds=$SECONDS_PER_RUN warmup=$WARMUP concurrency=$CONCURRENCY size=$SIZE" >&2
echo "fogbank pid=$fogbank_pid port=$FOGBANK_PORT; elasticmq pid=$elasticmq_pid port=$ELASTICMQ_PORT" >&2

run() { # server port pid round
  local line
  line="$("$JAVA" -jar "$BENCH_JAR" --endpoint "http://127.0.0.1:$2" --workload "$WORKLOAD" \
    --seconds "$SECONDS_PER_RUN" --warmup-seconds "$WARMUP" --concurrency "$CONCURRENCY" --size "$SIZE" \
    --server-pid "$3" --clk-tck "$CLK_TCK")"
  echo "$1 $4 $line" | tee -a "$work/results" >&2
}

# A discarded run against each server first, so that the counted rounds see JIT-compiled servers
# (the C2 compiler's CPU would otherwise land in the first round's server CPU).
if (( PRIME_SECONDS > 0 )); then
  for target in "$FOGBANK_PORT" "$ELASTICMQ_PORT"; do
    "$JAVA" -jar "$BENCH_JAR" --endpoint "http://127.0.0.1:$target" --workload "$WORKLOAD" \
      --seconds "$PRIME_SECONDS" --warmup-seconds 0 --concurrency "$CONCURRENCY" --size "$SIZE" > /dev/null
  done
fi

for round in $(seq 1 "$ROUNDS"); do
  run fogbank "$FOGBANK_PORT" "$fogbank_pid" "$round"
  run elasticmq "$ELASTICMQ_PORT" "$elasticmq_pid" "$round"
done

rss() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
echo "server RSS after the runs: fogbank $(rss "$fogbank_pid") MB, elasticmq $(rss "$elasticmq_pid") MB" >&2

python3 - "$work/results" <<'PY'
import json, sys
runs = {}
for raw in open(sys.argv[1]):
    server, rnd, js = raw.split(" ", 2)
    runs.setdefault(server, []).append(json.loads(js))
print(f"{'server':<10} {'runs':>4} {'ops/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'cpu s':>7} {'ops/cpu-s':>10}")
summary = {}
for server, rs in runs.items():
    ops = sum(r["ops"] for r in rs)
    secs = sum(r["seconds"] for r in rs)
    cpu = sum(r["server_cpu_s"] for r in rs)
    p50 = sum(r["p50_ms"] for r in rs) / len(rs)
    p99 = sum(r["p99_ms"] for r in rs) / len(rs)
    errors = sum(r["errors"] for r in rs)
    summary[server] = ops / cpu if cpu else 0
    print(f"{server:<10} {len(rs):>4} {ops / secs:>9.1f} {p50:>8.3f} {p99:>8.3f} {errors:>6} {cpu:>7.2f} {summary[server]:>10.1f}")
if summary.get("elasticmq"):
    print(f"ratio fogbank/elasticmq (ops per server CPU-second): {summary['fogbank'] / summary['elasticmq']:.2f}")
PY
