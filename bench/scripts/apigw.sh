#!/usr/bin/env bash
# API Gateway (REST API, v1) overhead, one JSON line per path:
#
#   apigw-lambda-proxy    GET through a REST API's {proxy+} resource with an AWS_PROXY integration
#                         to an in-process Java function (fixed 200 answer), on the
#                         /restapis/{id}/{stage}/_user_request_/ path form;
#   lambda-invoke-direct  the same function through Lambda's Invoke, same connections.
#
# requests/s and wrk's p50/p99 after a 5 s warm-up; the p50 difference is what API Gateway's
# routing and mapping add.
#
#   bench/scripts/apigw.sh                  # SECONDS_=20 CONNECTIONS=64
#
# Runs the embedded server from the apigw module's test class path (it holds Lambda and the SDK
# clients); needs wrk on the PATH (Debian: apt-get install wrk) and
# `mvn -B -q -o test-compile -pl apigw`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
command -v wrk >/dev/null || { echo "apigw: wrk is not on the PATH" >&2; exit 1; }
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
(cd "$ROOT" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test -pl apigw >/dev/null 2>&1) \
  || { echo "apigw: could not resolve the class path (mvn -B -q -o test-compile -pl apigw)" >&2; exit 1; }
M="$ROOT/apigw/target"
"$JAVA_HOME/bin/java" -cp "$M/classes:$M/test-classes:$(cat "$CP_FILE")" \
  dev.fogbank.apigw.bench.ApiGatewayBench "${SECONDS_:-20}" "${CONNECTIONS:-64}" 2>/dev/null \
  | grep '^{'
