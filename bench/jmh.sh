#!/usr/bin/env bash
# Runs the JMH micro-benchmarks of src/test/java/dev/gatehouse/bench in a forked JVM.
#   bench/jmh.sh                          all benchmarks, JMH's own defaults
#   bench/jmh.sh 'TokenMint' -f 1 -wi 3 -i 5 -r 2s
set -euo pipefail
cd "$(dirname "$0")/.."
args="${*:-dev.gatehouse.bench}"
exec mvn -B -q test-compile exec:exec@jmh -Djmh.args="$args"
