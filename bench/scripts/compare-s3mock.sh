#!/usr/bin/env bash
# Fogbank vs Adobe S3Mock (Spring Boot, from Maven Central, via /work/shared/bench/peers.sh),
# interleaved F S F S … with a discarded warm-up run per server first; see lib/compare.sh for
# the knobs.
#
#   bench/scripts/compare-s3mock.sh                               # s3-put-get-small, concurrency 16
#   WORKLOAD=s3-put-get-large CONCURRENCY=4 bench/scripts/compare-s3mock.sh
PEER=s3mock
PEER_WORKLOADS="s3-put-get-small s3-put-get-large"
PEER_PORT="${PEER_PORT:-9731}"
source "$(dirname "${BASH_SOURCE[0]}")/lib/compare.sh"
