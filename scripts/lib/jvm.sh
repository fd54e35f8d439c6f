# shellcheck shell=bash
# The server's JVM options, shared by scripts/run and scripts/benchmark: sized to run in 256 MB
# of resident memory (heap, metaspace, code cache, thread stacks and native memory together).
# JAVA_OPTS replaces them. MALLOC_ARENA_MAX keeps glibc from growing one malloc arena per thread,
# and TrimNativeHeapInterval (JDK 22+) hands memory the JIT compilers freed back to the system:
# without them, native memory freed after warm-up stays resident (tens of MB). C2 alone
# (-XX:-TieredCompilation) compiles only what is hot, once: the code cache holds 6 to 7 MB instead
# of 18 MB and the compilers' peak is lower, at the price of a slower first few seconds of traffic
# (on two cores the same peak speed within noise; on one core tiered was about 10 % faster:
# docs/benchmarks.md). Under load the serial collector's heap grows to
# its maximum, so what bounds resident memory is the heap's maximum plus these native parts.
# Needs JAVA_HOME (scripts/lib/jdk.sh's fxrates_find_jdk).

# Sets the array FXRATES_JAVA_OPTS (read by the caller).
# shellcheck disable=SC2034
fxrates_java_opts() {
  read -r -a FXRATES_JAVA_OPTS <<<"${JAVA_OPTS:--Xms64m -Xmx160m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=40m -XX:+UseSerialGC -XX:-TieredCompilation -XX:MaxHeapFreeRatio=40 -XX:MinHeapFreeRatio=10 -Xss512k}"
  if [[ -z ${JAVA_OPTS:-} ]] && (($(fxrates_java_major "$JAVA_HOME") >= 22)); then
    FXRATES_JAVA_OPTS+=(-XX:TrimNativeHeapInterval=5000)
  fi
  export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
}
