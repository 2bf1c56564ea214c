/**
 * JMH micro-benchmarks of the hot pieces (issue 5). Classes are named {@code *Benchmark} so surefire never
 * runs them; run them with {@code bench/jmh.sh [pattern] [JMH options]} (see BENCHMARKS.md).
 */
package dev.gatehouse.bench;
