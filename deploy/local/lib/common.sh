# Shared helpers for deploy/local/lifecycle and other scripts of the repository (bench/).
# Source it from bash; it defines functions only and changes no shell options.

LIFECYCLE_MIN_JAVA=21

lc_log() {
  printf 'lifecycle: %s\n' "$*" >&2
}

lc_die() {
  printf 'lifecycle: error: %s\n' "$*" >&2
  exit 1
}

# Prints the major version of the JDK in the given home (e.g. 25), or nothing if it is not a JDK.
jdk_major() {
  local home=$1 version=
  [[ -x $home/bin/java && -x $home/bin/javac ]] || return 0
  if [[ -r $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/release")
  fi
  if [[ -z $version ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  version=${version#1.}
  printf '%s\n' "${version%%[.+-]*}"
}

# Finds a JDK >= 21: $JAVA_HOME if recent enough, else the newest under /usr/lib/jvm, else `java` on
# PATH. Exports JAVA_HOME (the Maven wrapper uses it) and sets JAVA to its java binary.
find_jdk() {
  local candidate major best= best_major=0
  if [[ -n ${JAVA_HOME:-} ]]; then
    major=$(jdk_major "$JAVA_HOME")
    if [[ -n $major ]] && ((major >= LIFECYCLE_MIN_JAVA)); then
      best=$JAVA_HOME
      best_major=$major
    fi
  fi
  if [[ -z $best ]]; then
    for candidate in /usr/lib/jvm/*; do
      [[ -d $candidate ]] || continue
      major=$(jdk_major "$candidate")
      if [[ -n $major ]] && ((major >= LIFECYCLE_MIN_JAVA && major > best_major)); then
        best=$candidate
        best_major=$major
      fi
    done
  fi
  if [[ -z $best ]] && command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(jdk_major "$candidate")
    if [[ -n $major ]] && ((major >= LIFECYCLE_MIN_JAVA)); then
      best=$candidate
      best_major=$major
    fi
  fi
  if [[ -z $best ]]; then
    lc_die "no JDK ${LIFECYCLE_MIN_JAVA} or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/* and java on PATH; a JRE is not enough, javac is needed). Install one, e.g. 'apt-get install -y openjdk-21-jdk' or 'apt-get install -y temurin-21-jdk' (Adoptium's apt repository), or point JAVA_HOME at it."
  fi
  export JAVA_HOME=$best
  JAVA=$JAVA_HOME/bin/java
}
