#!/usr/bin/env bash
# Fogbank vs moto (server mode, via /work/shared/bench/peers.sh), interleaved F M F M … with a
# discarded warm-up run per server first; see lib/compare.sh for the knobs.
#
#   WORKLOAD=dynamodb-put-get bench/scripts/compare-moto.sh
#   WORKLOAD=sns-fanout CONCURRENCY=4 bench/scripts/compare-moto.sh
#   WORKLOAD=sfn-express FOGBANK_ONLY=1 bench/scripts/compare-moto.sh   # moto's server has no StartSyncExecution
PEER=moto
PEER_WORKLOADS="dynamodb-put-get dynamodb-query sns-fanout sfn-express sfn-lambda-task lambda-invoke s3-put-get-small s3-put-get-large"
PEER_PORT="${PEER_PORT:-5731}"
source "$(dirname "${BASH_SOURCE[0]}")/lib/compare.sh"
