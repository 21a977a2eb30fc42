# Fogbank vs one peer emulator on one workload, interleaved (F P F P ...), same driver, same
# concurrency, both servers on loopback. Sourced by compare-<peer>.sh after it sets PEER and
# PEER_WORKLOADS. For each run the driver reads the server's utime+stime from /proc/<pid>/stat
# at the start and end of its measured window (CLK_TCK from getconf), so the table reports ops
# per server CPU-second next to raw ops/s and p99; /proc/loadavg is read before each run.
#
# Each run is a new driver JVM, and the AWS SDK's code keeps C2 busy for about half a minute on
# two cores: a run measured after a few seconds' warm-up shares the CPU with the driver's own JIT,
# which lowered ops/s and per-CPU ratios and put tens of ms into p99 (sns-fanout paced at 1,000
# deliveries/s: p99 14-49 ms after 2 s, 3.9-4.9 ms after 40 s). Hence WARMUP=30 by default, and a
# 60 s discarded run per server first, for the server's own C2.
#
# Env: WORKLOAD ROUNDS=2 SECONDS_PER_RUN=20 WARMUP=30 PRIME_SECONDS=60 CONCURRENCY=16 SIZE=1024
#      RATE=<cycles per second over all workers; default unpaced>
#      FOGBANK_PORT=4731 PEER_PORT FOGBANK_ONLY=1 (skip the peer) JAVA=<jdk 25 java>
#      APP_JAR=<fogbank.jar> FOGBANK_JAVA_OPTS="..." (extra JVM flags, after those ./fogbank uses)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
PEERS_SH="${PEERS_SH:-/work/shared/bench/peers.sh}"
WORKLOAD="${WORKLOAD:-${PEER_WORKLOADS%% *}}"
ROUNDS="${ROUNDS:-2}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-20}"
WARMUP="${WARMUP:-30}"
PRIME_SECONDS="${PRIME_SECONDS:-60}"
CONCURRENCY="${CONCURRENCY:-16}"
SIZE="${SIZE:-1024}"
RATE="${RATE:-}"
FOGBANK_PORT="${FOGBANK_PORT:-4731}"
FOGBANK_ONLY="${FOGBANK_ONLY:-}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
APP_JAR="${APP_JAR:-$ROOT/app/target/fogbank.jar}"
BENCH_JAR="$ROOT/bench/target/fogbank-bench.jar"
CLK_TCK="$(getconf CLK_TCK)"
NAME="compare-$PEER"

die() { echo "$NAME: $*" >&2; exit 1; }
[[ " $PEER_WORKLOADS " == *" $WORKLOAD "* ]] || die "WORKLOAD must be one of: $PEER_WORKLOADS"
[[ -f "$APP_JAR" ]] || die "missing $APP_JAR (mvn -B -q -o package -DskipTests -pl app)"
[[ -f "$BENCH_JAR" ]] || die "missing $BENCH_JAR (mvn -B -q -o package -pl bench)"

# The services a workload calls; Fogbank runs only those, as a user would start it for them.
case "$WORKLOAD" in
  dynamodb-*) SERVICES=dynamodb ;;
  sns-fanout) SERVICES=sns,sqs ;;
  sfn-express) SERVICES=states ;;
  sfn-lambda-task) SERVICES=states,lambda ;;
  lambda-invoke) SERVICES=lambda ;;
  s3-*) SERVICES=s3 ;;
  *) die "no service list for $WORKLOAD" ;;
esac
operations="$("$JAVA" -jar "$APP_JAR" operations)"
for s in ${SERVICES//,/ }; do
  [[ "$operations" == *"| $s |"* ]] || die "$APP_JAR does not run $s (java -jar $APP_JAR operations)"
done

work="$(mktemp -d)"
fogbank_pid=""
peer_started=""
cleanup() {
  [[ -n "$fogbank_pid" ]] && kill "$fogbank_pid" 2>/dev/null && wait "$fogbank_pid" 2>/dev/null || true
  # Only the peer this script started; peers.sh refuses to start a second one.
  [[ -n "$peer_started" ]] && "$PEERS_SH" stop "$PEER" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Fogbank as ./fogbank starts it (same JVM flags, minus the class-data archive it writes).
"$JAVA" -XX:+UseSerialGC -Xss512k ${FOGBANK_JAVA_OPTS:-} -jar "$APP_JAR" start \
  --host 127.0.0.1 --port "$FOGBANK_PORT" --services "$SERVICES" > "$work/fogbank.log" 2>&1 &
fogbank_pid=$!
health() { curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$FOGBANK_PORT/_fogbank/health" 2>/dev/null || true; }
for _ in $(seq 1 200); do [[ "$(health)" == 200 ]] && break; sleep 0.1; done
[[ "$(health)" == 200 ]] || { tail -n 30 "$work/fogbank.log" >&2; die "Fogbank did not answer on $FOGBANK_PORT"; }

servers=(fogbank)
declare -A port=([fogbank]="$FOGBANK_PORT") pid=([fogbank]="$fogbank_pid")
if [[ -z "$FOGBANK_ONLY" ]]; then
  JAVA="$JAVA" "$PEERS_SH" start "$PEER" "$PEER_PORT" >&2
  peer_started=1
  pid[$PEER]="$(cat "${PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fogbank-peers}/$PEER.pid")"
  port[$PEER]="$PEER_PORT"
  servers+=("$PEER")
fi

echo "workload=$WORKLOAD rounds=$ROUNDS seconds=$SECONDS_PER_RUN warmup=$WARMUP concurrency=$CONCURRENCY size=$SIZE rate=${RATE:-unpaced}" >&2
for s in "${servers[@]}"; do echo "$s pid=${pid[$s]} port=${port[$s]}" >&2; done

drive() { # port seconds warmup [server-pid]
  "$JAVA" -jar "$BENCH_JAR" --endpoint "http://127.0.0.1:$1" --workload "$WORKLOAD" \
    --seconds "$2" --warmup-seconds "$3" --concurrency "$CONCURRENCY" --size "$SIZE" \
    ${RATE:+--rate "$RATE"} ${4:+--server-pid "$4" --clk-tck "$CLK_TCK"}
}

# A discarded run against each server first, so that the counted rounds see warmed-up servers
# (JIT compilation, interpreter caches); its figures go to stderr only.
if (( PRIME_SECONDS > 0 )); then
  for s in "${servers[@]}"; do
    echo "$s prime $(drive "${port[$s]}" "$PRIME_SECONDS" 0 || echo '{"failed":true}')" >&2
  done
fi

for round in $(seq 1 "$ROUNDS"); do
  for s in "${servers[@]}"; do
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    line="$(drive "${port[$s]}" "$SECONDS_PER_RUN" "$WARMUP" "${pid[$s]}")" || die "driver failed against $s"
    echo "$s $round $load $line" | tee -a "$work/results" >&2
  done
done

rss() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
for s in "${servers[@]}"; do echo "server RSS after the runs: $s $(rss "${pid[$s]}") MB" >&2; done

python3 "$ROOT/bench/scripts/lib/summary.py" "$work/results" fogbank "$PEER"
