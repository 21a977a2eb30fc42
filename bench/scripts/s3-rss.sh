#!/usr/bin/env bash
# Fogbank's resident memory while a 2 GB object streams in (PUT) and out (GET): S3 object data
# goes to disk as it arrives and back from disk as it leaves, so the server's RSS must stay flat.
# Samples VmRSS from /proc every 0.2 s during each transfer and prints min/max per direction.
# A smaller object goes through first (WARMUP_MB, 0 to skip), so that the figures compare the
# server warmed up with itself while the large one streams; the cold RSS is printed too. The
# warm-up has to move about a gigabyte: until then C2 is still compiling the upload path, and the
# compiler's working memory (malloc'd; glibc keeps the pages after it is freed) adds ~20-30 MB of
# RSS once, whatever the object's size (with -XX:TieredStopAtLevel=1 the climb is ~10 MB). With a
# 64 MB warm-up that climb lands inside the 2 GB PUT; with 512 MB (x3, each way) it is over
# before, and RSS stays within a few MB through 2 and 4 GB transfers.
#
#   bench/scripts/s3-rss.sh                 # 2 GiB
#   SIZE_GB=5 bench/scripts/s3-rss.sh
# Env: SIZE_GB=2 WARMUP_MB=512 FOGBANK_PORT=4732 JAVA=<jdk 25 java> APP_JAR=<fogbank.jar>
#      FOGBANK_JAVA_OPTS="..." (extra JVM flags, after those ./fogbank uses)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SIZE_GB="${SIZE_GB:-2}"
WARMUP_MB="${WARMUP_MB:-512}"
FOGBANK_PORT="${FOGBANK_PORT:-4732}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
APP_JAR="${APP_JAR:-$ROOT/app/target/fogbank.jar}"
[[ -f "$APP_JAR" ]] || { echo "missing $APP_JAR (mvn -B -q -o package -DskipTests -pl app)" >&2; exit 1; }

work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$JAVA" -XX:+UseSerialGC -Xss512k ${FOGBANK_JAVA_OPTS:-} -jar "$APP_JAR" start --host 127.0.0.1 --port "$FOGBANK_PORT" --services s3 \
  > "$work/fogbank.log" 2>&1 &
pid=$!
url="http://127.0.0.1:$FOGBANK_PORT"
for _ in $(seq 1 200); do curl -s -o /dev/null "$url/_fogbank/health" && break; sleep 0.1; done

rss() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
sample() { # label command...: runs the command while sampling RSS; prints label min max
  local label="$1"; shift
  local samples="$work/$label.rss"
  : > "$samples"
  "$@" &
  local job=$!
  while kill -0 "$job" 2>/dev/null; do rss >> "$samples"; echo >> "$samples"; sleep 0.2; done
  wait "$job"
  sort -n "$samples" | awk -v l="$label" 'NF {a[n++]=$1} END {printf "%-6s RSS min %d MB, max %d MB over %d samples\n", l, a[0], a[n-1], n}'
}

# A sparse file: reading it costs no disk, and its length is known (S3 wants a Content-Length).
truncate -s "${SIZE_GB}G" "$work/object"
# Unsigned requests: Fogbank, like LocalStack, accepts them; the credentials do not matter here.
curl -s -f -X PUT "$url/rss-bucket" -o /dev/null
echo "cold    RSS $(rss) MB"
if (( WARMUP_MB > 0 )); then
  truncate -s "${WARMUP_MB}M" "$work/warmup"
  for _ in 1 2 3; do
    curl -s -f -T "$work/warmup" "$url/rss-bucket/warmup" -o /dev/null
    curl -s -f "$url/rss-bucket/warmup" -o /dev/null
  done
  curl -s -f -X DELETE "$url/rss-bucket/warmup" -o /dev/null
fi
echo "before  RSS $(rss) MB"
start=$(date +%s.%N)
sample PUT curl -s -f -T "$work/object" "$url/rss-bucket/big" -o /dev/null
mid=$(date +%s.%N)
sample GET curl -s -f "$url/rss-bucket/big" -o /dev/null
end=$(date +%s.%N)
echo "after   RSS $(rss) MB"
python3 - "$SIZE_GB" "$start" "$mid" "$end" <<'PY'
import sys
gb, start, mid, end = float(sys.argv[1]), *map(float, sys.argv[2:])
mb = gb * 1024
print(f"PUT {mb / (mid - start):.0f} MB/s, GET {mb / (end - mid):.0f} MB/s ({gb:g} GiB each way)")
PY
