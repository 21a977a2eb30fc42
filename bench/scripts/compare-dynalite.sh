#!/usr/bin/env bash
# Fogbank vs dynalite (DynamoDB on Node, via /work/shared/bench/peers.sh), interleaved F D F D …
# with a discarded warm-up run per server first; see lib/compare.sh for the knobs.
#
#   bench/scripts/compare-dynalite.sh                          # dynamodb-put-get, concurrency 16
#   WORKLOAD=dynamodb-query ROUNDS=3 bench/scripts/compare-dynalite.sh
PEER=dynalite
PEER_WORKLOADS="dynamodb-put-get dynamodb-query"
PEER_PORT="${PEER_PORT:-8731}"
source "$(dirname "${BASH_SOURCE[0]}")/lib/compare.sh"
