#!/usr/bin/env bash
# The benchmark harness (BENCHMARKS.md): builds the jar, then bench/harness.py starts Gatehouse
# pinned to core 0 with wrk and the nginx backend on core 1, creates fixtures through the public
# APIs and measures. Options:
#   --quick        5 s runs after 2 s warm-ups (development); default 20 s after 5 s
#   --scale        also load 10,000 pools / 100,000 app clients / 1,000 routes and measure again
#   --no-build     use the existing target/gatehouse.jar
#   --jmh [ARGS]   afterwards, run the JMH micro-benchmarks (bench/jmh.sh; default: short runs)
# Any other option goes to bench/harness.py (see bench/harness.py --help).
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 jmh=0 jmh_args=() harness_args=()
while (($#)); do
  case "$1" in
    --no-build) build=0 ;;
    --jmh) jmh=1
           if (($# > 1)) && [[ "$2" != --* ]]; then jmh_args=("$2"); shift; fi ;;
    *) harness_args+=("$1") ;;
  esac
  shift
done
if ((build)); then
  echo "building target/gatehouse.jar …"
  mvn -B -q package -DskipTests
fi
python3 -c 'import botocore, urllib3' 2>/dev/null \
  || { echo "bench/run.sh needs Python 3 with botocore (pip install botocore)" >&2; exit 1; }
python3 bench/harness.py "${harness_args[@]}"
if ((jmh)); then
  # One fork, short iterations: a comparison aid, not the headline numbers.
  bench/jmh.sh "${jmh_args[@]:-dev.gatehouse.bench -f 1 -wi 3 -i 5 -w 2s -r 2s}" | tee "bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).txt"
fi
