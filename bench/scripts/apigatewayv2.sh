#!/usr/bin/env bash
# API Gateway v2 throughput, one JSON line per workload:
#
#   http-api-lambda-proxy  an HTTP API quick-created with a Python function as its target
#                          (AWS_PROXY, payload 2.0), driven by wrk on the path form of its URL:
#                          requests/s and wrk's 99th percentile, after a 5 s warm-up;
#   websocket-lambda-echo  a WebSocket API whose $default route (two-way) echoes through a Python
#                          function; CLIENTS JDK WebSocket clients each send a message, wait for
#                          the echo and send the next: round trips/s, p50 and p99.
#
#   bench/scripts/apigatewayv2.sh            # SECONDS_=20 CONNECTIONS=8 CLIENTS=8
#
# Runs the embedded server from the apigatewayv2 module's test class path (it holds Lambda and
# the SDK clients); needs wrk on the PATH and `mvn -B -q -o test-compile -pl apigatewayv2`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
command -v wrk >/dev/null || { echo "apigatewayv2: wrk is not on the PATH" >&2; exit 1; }
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
(cd "$ROOT" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test -pl apigatewayv2 >/dev/null 2>&1) \
  || { echo "apigatewayv2: could not resolve the class path (mvn -B -q -o test-compile -pl apigatewayv2)" >&2; exit 1; }
M="$ROOT/apigatewayv2/target"
"$JAVA_HOME/bin/java" -cp "$M/classes:$M/test-classes:$(cat "$CP_FILE")" \
  dev.fogbank.apigatewayv2.bench.ApiGatewayV2Bench "${SECONDS_:-20}" "${CONNECTIONS:-8}" "${CLIENTS:-8}" 2>/dev/null \
  | grep '^{'
