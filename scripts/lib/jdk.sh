# shellcheck shell=sh
# Finds a JDK 21 or newer and exports JAVA_HOME to it; Helidon 4 needs 21+.
# Sourced by ./mvnw and the scripts. Order: $JAVA_HOME if new enough, then the JDKs in the
# usual install folders, newest first. Exits with a message saying what to do when none fits.

fxrates_java_major() {
  # Prints the feature version of the JDK at $1 (for example 17 or 25), or nothing.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

fxrates_find_jdk() {
  fxrates_min=${FXRATES_MIN_JAVA:-21}
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(fxrates_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$fxrates_min" ]; then
      export JAVA_HOME
      return 0
    fi
  fi
  best=""
  best_v=0
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$home" ] || continue
    v=$(fxrates_java_major "$home")
    [ -n "$v" ] || continue
    if [ "$v" -ge "$fxrates_min" ] && [ "$v" -gt "$best_v" ]; then
      best=$home
      best_v=$v
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(fxrates_java_major "$home")
    if [ -n "$v" ] && [ "$v" -ge "$fxrates_min" ]; then best=$home; fi
  fi
  if [ -z "$best" ]; then
    echo "fxrates: no JDK ${fxrates_min} or newer found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm, /usr/java, /opt and on PATH)." >&2
    echo "fxrates: install one (for example 'apt-get install openjdk-21-jdk' or Temurin 21/25) or point JAVA_HOME at it." >&2
    exit 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
