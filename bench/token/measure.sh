#!/usr/bin/env bash
# Load on a running Gatehouse's token endpoint with wrk pinned to core 1, and the server's CPU cost per token.
#   source <(bench/token/setup.sh DATA_DIR PORT); bench/token/measure.sh SERVER_PID PORT [CONNECTIONS] [SECONDS] [RUNS] [RATE]
# Prints per run: tokens/s, latency percentiles, and the server process's CPU time (all threads, user+system)
# per token, from /proc — the figure that stays meaningful when other processes share the cores. RATE (optional)
# fixes the offered load with wrk2-style pacing unavailable in wrk: instead, fewer connections give lower load.
set -euo pipefail
pid=$1 port=$2 conns=${3:-8} secs=${4:-10} runs=${5:-3}
here=$(cd "$(dirname "$0")" && pwd)
tck=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
for run in $(seq 1 "$runs"); do
  before=$(cpu)
  out=$(taskset -c 1 wrk -t1 -c"$conns" -d"${secs}s" -s "$here/token.lua" "http://127.0.0.1:$port/oauth2/token" 2>&1 | grep RESULT)
  after=$(cpu)
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$out")
  awk -v o="$out" -v b="$before" -v a="$after" -v n="$requests" -v t="$tck" \
    'BEGIN { us = (a - b) / t * 1e6 / n; printf "%s cpu_us_per_token=%.0f (=> %.0f tokens per CPU-second)\n", o, us, 1e6 / us }'
done
