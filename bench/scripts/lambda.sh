#!/usr/bin/env bash
# Lambda's figures: warm sync invoke p50 per runtime, cold starts, and 1,000 concurrent invokes
# of a 100 ms function. Starts fogbank.jar (once per Java mode), runs the load driver's Lambda
# workloads against it, prints one JSON line per workload (prefixed with the Java mode).
#
#   bench/scripts/lambda.sh
#   WORKLOADS="lambda-cold-start" MODES=in-process bench/scripts/lambda.sh
#
# Env: SERVER_JVM_FLAGS (extra flags for the server's JVM) PORT=4597 SECONDS_EACH=10 WARMUP=3 MODES="in-process process" JAVA=<jdk 25 java>
#      WORKLOADS (default below; lambda-invoke-java and lambda-cold-start-java run in every mode,
#      the others only in the first)
# Needs app/target/fogbank.jar and bench/target/fogbank-bench.jar
# (mvn -B -q -o package -DskipTests -pl app; mvn -B -q -o package -DskipTests -pl bench).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${APP_JAR:-$ROOT/app/target/fogbank.jar}"
BENCH="${BENCH_JAR:-$ROOT/bench/target/fogbank-bench.jar}"
PORT="${PORT:-4597}"
SECONDS_EACH="${SECONDS_EACH:-10}"
WARMUP="${WARMUP:-3}"
MODES="${MODES:-in-process process}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
WORKLOADS="${WORKLOADS:-lambda-invoke-java lambda-invoke lambda-invoke-node lambda-cold-start lambda-cold-start-node lambda-cold-start-java lambda-burst}"
for f in "$JAR" "$BENCH"; do [[ -f "$f" ]] || { echo "lambda.sh: missing $f" >&2; exit 1; }; done

work="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "# $(date -u +%FT%TZ) $(uptime | sed 's/.*load/load/')" >&2
first=1
for mode in $MODES; do
  # shellcheck disable=SC2086
  "$JAVA" -XX:+UseSerialGC ${SERVER_JVM_FLAGS:-} -jar "$JAR" start --host 127.0.0.1 --port "$PORT" --services lambda \
    --set "lambda.java-mode=$mode" > "$work/server-$mode.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/_fogbank/health" > /dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$work/server-$mode.log" >&2; echo "lambda.sh: the server exited" >&2; exit 1; }
    sleep 0.1
  done
  for w in $WORKLOADS; do
    if (( ! first )) && [[ "$w" != *-java ]]; then
      continue
    fi
    concurrency=1
    [[ "$w" == lambda-invoke* ]] && concurrency="${CONCURRENCY:-1}"
    line="$("$JAVA" -jar "$BENCH" --endpoint "http://127.0.0.1:$PORT" --workload "$w" \
      --seconds "$SECONDS_EACH" --warmup-seconds "$WARMUP" --concurrency "$concurrency" --server-pid "$pid")"
    echo "{\"java_mode\":\"$mode\",${line#\{}"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  first=0
done
