#!/usr/bin/env bash
# Load on a running Gatehouse's token endpoint with wrk pinned to core 1, and the server's CPU cost per token.
#   source <(bench/token/setup.sh DATA_DIR PORT); bench/token/measure.sh SERVER_PID PORT [CONNECTIONS] [SECONDS] [RUNS] [RATE]
# Prints per run: tokens/s, latency percentiles, and the server process's CPU time (all threads, user+system)
# per token, from /proc (whole process, and its event-loop threads alone) — the figure that stays meaningful when other processes share the cores. RATE (optional)
# fixes the offered load with wrk2-style pacing unavailable in wrk: instead, fewer connections give lower load.
set -euo pipefail
pid=$1 port=$2 conns=${3:-8} secs=${4:-10} runs=${5:-3}
here=$(cd "$(dirname "$0")" && pwd)
tck=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# The event-loop threads alone: what serves requests, without the JIT compiler and GC threads of a cold JVM.
loop() { for t in /proc/$pid/task/*; do grep -q '^vert.x-eventloo' "$t/comm" && cut -d" " -f14,15 "$t/stat" || true; done | awk '{s += $1 + $2} END {print s + 0}'; }
for run in $(seq 1 "$runs"); do
  before=$(cpu) lbefore=$(loop)
  out=$(taskset -c 1 wrk -t1 -c"$conns" -d"${secs}s" -s "$here/token.lua" "http://127.0.0.1:$port/oauth2/token" 2>&1 | grep RESULT)
  after=$(cpu) lafter=$(loop)
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$out")
  awk -v o="$out" -v b="$before" -v a="$after" -v n="$requests" -v t="$tck" -v lb="$lbefore" -v la="$lafter" \
    'BEGIN { us = (a - b) / t * 1e6 / n; lus = (la - lb) / t * 1e6 / n;
             printf "%s cpu_us_per_token=%.0f event_loop_us_per_token=%.0f (=> %.0f tokens per event-loop CPU-second)\n", o, us, lus, 1e6 / lus }'
done
