# shellcheck shell=bash
# The server's JVM options, shared by scripts/run and scripts/benchmark: sized to run in 256 MB
# of resident memory (heap, metaspace, code cache, thread stacks and native memory together).
# JAVA_OPTS replaces them. MALLOC_ARENA_MAX keeps glibc from growing one malloc arena per thread,
# which alone costs tens of MB of resident memory on a JVM with many threads.

# Sets the array FXRATES_JAVA_OPTS (read by the caller).
# shellcheck disable=SC2034
fxrates_java_opts() {
  read -r -a FXRATES_JAVA_OPTS <<<"${JAVA_OPTS:--Xms64m -Xmx160m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=40m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=40 -XX:MinHeapFreeRatio=10 -Xss512k}"
  export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
}
