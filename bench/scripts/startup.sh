#!/usr/bin/env bash
# Start-up time and idle memory of the runnable jar, started as ./fogbank starts it.
#
#   start-up: from just before the JVM is launched to the first successful SQS call (ListQueues
#             over JSON 1.0, sent in a tight loop over bash's /dev/tcp so the poller forks nothing);
#   idle RSS: VmRSS from /proc/<pid>/status after start, a few SQS calls and IDLE_S seconds idle.
# Repeated RUNS times; prints each run, then the medians (one JSON line on stdout).
#
#   bench/scripts/startup.sh
#   JVM_FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1" bench/scripts/startup.sh
#
# Env: RUNS=10 PORT=4598 IDLE_S=5 JAVA=<jdk 25 java>
#      JVM_FLAGS  the JVM flags to start with; default: those of ./fogbank, with its class-data
#                 archive (-XX:+AutoCreateSharedArchive) kept in a scratch directory, so the first
#                 run writes it and the later runs use it (the first run is reported apart)
#      TRAIN_FLAGS the flags of the first run only (default JVM_FLAGS), e.g. to write a JDK 25 AOT
#                 cache the later runs read:
#                 TRAIN_FLAGS="-XX:+UseSerialGC -XX:AOTCacheOutput=/tmp/fogbank.aot"
#                 JVM_FLAGS="-XX:+UseSerialGC -XX:AOTCache=/tmp/fogbank.aot"
# Needs app/target/fogbank.jar (mvn -B -q -o package -DskipTests -pl app).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${APP_JAR:-$ROOT/app/target/fogbank.jar}"
RUNS="${RUNS:-10}"
PORT="${PORT:-4598}"
IDLE_S="${IDLE_S:-5}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[[ -f "$JAR" ]] || { echo "startup: missing $JAR (mvn -B -q -o package -DskipTests -pl app)" >&2; exit 1; }

work="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

DEFAULT_FLAGS="-XX:+UseSerialGC -Xss512k -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$work/fogbank.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
JVM_FLAGS="${JVM_FLAGS:-$DEFAULT_FLAGS}"
TRAIN_FLAGS="${TRAIN_FLAGS:-$JVM_FLAGS}"

AUTH='AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0'

# One SQS JSON 1.0 call over a fresh connection (Connection: close, so the answer ends at EOF);
# the whole answer lands in RESPONSE; true when its status is 200.
RESPONSE=""
sqs_call() { # operation json
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'POST / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.%s\r\nAuthorization: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$PORT" "$1" "$AUTH" "${#2}" "$2" >&3
  RESPONSE=""
  IFS= read -r -d '' -t 5 RESPONSE <&3 || true
  exec 3<&- 3>&-
  [[ "$RESPONSE" == "HTTP/1.1 200"* ]]
}


CLK_TCK="$(getconf CLK_TCK)"
starts=(); cpus=(); rsses=()
for run in $(seq 1 "$RUNS"); do
  flags="$JVM_FLAGS"; (( run == 1 )) && flags="$TRAIN_FLAGS"
  t0="${EPOCHREALTIME/./}"
  # shellcheck disable=SC2086
  "$JAVA" $flags -jar "$JAR" start --host 127.0.0.1 --port "$PORT" --services sqs > "$work/run$run.log" 2>&1 &
  pid=$!
  until sqs_call ListQueues '{}' 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$work/run$run.log" >&2; echo "startup: the server exited" >&2; exit 1; }
    (( ${EPOCHREALTIME/./} - t0 > 30000000 )) && { echo "startup: no answer within 30 s" >&2; exit 1; }
  done
  t1="${EPOCHREALTIME/./}"
  start_ms=$(( (t1 - t0) / 1000 ))
  # CPU the JVM spent getting there (utime+stime, proc(5)); unlike wall time, it barely moves
  # when other processes compete for the cores.
  start_cpu_ms=$(awk -v hz="$CLK_TCK" '{ sub(/.*\) /, ""); split($0, f, " "); printf "%d", (f[12] + f[13]) * 1000 / hz }' "/proc/$pid/stat")
  # A few real calls, so the idle figure includes a queue, a message and the code that served them.
  q="startup-$run"
  sqs_call CreateQueue "{\"QueueName\":\"$q\"}" || echo "startup: CreateQueue failed" >&2
  sqs_call GetQueueUrl "{\"QueueName\":\"$q\"}" || echo "startup: GetQueueUrl failed" >&2
  [[ "$RESPONSE" =~ \"QueueUrl\":\"([^\"]+)\" ]] && url="${BASH_REMATCH[1]}" || url=""
  sqs_call SendMessage "{\"QueueUrl\":\"$url\",\"MessageBody\":\"hello\"}" || echo "startup: SendMessage failed" >&2
  sqs_call ReceiveMessage "{\"QueueUrl\":\"$url\",\"MaxNumberOfMessages\":10}" || echo "startup: ReceiveMessage failed" >&2
  sleep "$IDLE_S"
  rss_mb=$(awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  echo "run $run: start ${start_ms} ms (${start_cpu_ms} ms CPU), idle RSS ${rss_mb} MB" >&2
  starts+=("$start_ms"); cpus+=("$start_cpu_ms"); rsses+=("$rss_mb")
done

python3 - "$JVM_FLAGS" "${starts[*]}" "${rsses[*]}" "${cpus[*]}" <<'PY'
import json, statistics, sys
flags, starts, rsses = sys.argv[1], [int(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
cpus = [int(x) for x in sys.argv[4].split()]
# With the default flags the first run writes the class-data archive; report it apart.
rest = starts[1:] if len(starts) > 1 else starts
print(json.dumps({
    "jvm_flags": flags,
    "runs": len(starts),
    "first_start_ms": starts[0],
    "start_ms_median": statistics.median(rest),
    "start_ms_min": min(rest),
    "start_ms_max": max(rest),
    "start_cpu_ms_median": statistics.median(cpus[1:] if len(cpus) > 1 else cpus),
    "idle_rss_mb_median": statistics.median(rsses),
}))
PY
