# Runs a bench command from the bench jar: finds a JDK >= 21, builds the jar when it is missing or older than the
# sources, and passes the repository root (for the .lifecycle/ defaults) and whether stderr is a terminal.
# Sourced by bench/replay and bench/ingestion; usage: bench_run COMMAND ARGS...

bench_run() {
  local bench_dir repo jar
  bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  repo=$(dirname "$bench_dir")

  if [[ -r $repo/deploy/local/lib/common.sh ]]; then
    # shellcheck source=/dev/null
    source "$repo/deploy/local/lib/common.sh"
    find_jdk
  else
    bench_find_jdk
  fi

  jar=$bench_dir/target/bench-0.1.0-SNAPSHOT.jar
  if [[ ! -f $jar || ! -d $bench_dir/target/lib ]] \
    || [[ -n $(find "$bench_dir/src/main" "$bench_dir/pom.xml" -newer "$jar" -print -quit) ]]; then
    printf 'bench: building %s\n' "${jar#"$repo"/}" >&2
    # maven.test.skip rather than skipTests: nothing of the test sources is needed to run.
    (cd "$repo" && ./mvnw -B -q -pl bench -am package -Dmaven.test.skip=true) >&2 || {
      printf 'bench: build failed\n' >&2
      exit 1
    }
  fi

  local tty=0
  [[ -t 2 ]] && tty=1
  LIFECYCLE_REPO=${LIFECYCLE_REPO:-$repo} exec "$JAVA" -Dbench.tty="$tty" ${BENCH_JAVA_OPTS:-} -jar "$jar" "$@"
}

# Fallback when deploy/local is not there: $JAVA_HOME, then the newest JDK under /usr/lib/jvm.
bench_find_jdk() {
  local home major best= best_major=0
  for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [[ -x $home/bin/java && -x $home/bin/javac ]] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
    [[ -n $major ]] || continue
    if ((major >= 21 && major > best_major)); then
      best=$home
      best_major=$major
      [[ $home == "${JAVA_HOME:-}" ]] && break
    fi
  done
  if [[ -z $best ]]; then
    printf 'bench: no JDK 21 or newer found in $JAVA_HOME or /usr/lib/jvm\n' >&2
    exit 1
  fi
  export JAVA_HOME=$best
  JAVA=$best/bin/java
}
