#!/usr/bin/env bash
# Container engine and local substitute images for machines without a registry (like the CI
# machines: Debian 12, root, no Docker engine, Debian's mirror and Maven Central only).
#
#   eval "$(docker/local-images.sh)"       # then: mvn -B verify   (the container tests run)
#
# What it does, each step skipped when already done (a second run takes a few seconds):
#   1. installs podman and runc from Debian when missing (debootstrap too, for the base image);
#   2. builds, from Debian packages and Maven Central jars, and caches in podman's image store:
#        localhost/negotiation-timeline/debian:bookworm   debootstrap --variant=minbase
#        localhost/negotiation-timeline/jre:17            stands in for eclipse-temurin:17-jre
#        localhost/negotiation-timeline/kafka:<version>   stands in for apache/kafka:<version>
#        localhost/negotiation-timeline/postgres:15       stands in for postgres:15
#        localhost/negotiation-timeline/timeline-service:<project version>    } from the packaged jars,
#        localhost/negotiation-timeline/projection-service:<project version>  } when they exist
#      Each image carries a label with a hash of its recipe (and of its parent image, or its jar);
#      an image whose recipe changed is rebuilt, one that matches is kept;
#   3. starts podman's Docker-compatible API on a Unix socket (in the background) unless one
#      answers there already;
#   4. prints, on stdout, the variables that point Docker clients and Testcontainers at it and
#      select the local images (CONTAINER_IMAGES=local). Progress goes to stderr.
# Fails loudly (exit code != 0) when a step fails.
#
# Options:
#   --no-services   do not build the two services' images (the container tests build their own)
#   --no-socket     do not start the API service
#   --rebuild       rebuild every image even when its recipe is unchanged
#   --stop          stop the API service this script started earlier, and exit
# Environment:
#   PODMAN_SOCKET (/run/podman/podman.sock), CONTAINERS_CONF (docker/local/containers.conf),
#   DEBIAN_MIRROR (http://deb.debian.org/debian), LOCAL_IMAGES_LOG_DIR (/var/tmp/negotiation-timeline-images)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/docker/local"
PREFIX=localhost/negotiation-timeline
LABEL=org.negotiationtimeline.recipe
SOCKET_PATH="${PODMAN_SOCKET:-/run/podman/podman.sock}"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
LOG_DIR="${LOCAL_IMAGES_LOG_DIR:-/var/tmp/negotiation-timeline-images}"
PID_FILE="$LOG_DIR/podman-service.pid"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$LOCAL/containers.conf}"

# Versions: Kafka's comes from the POM that fetches its jars (the version Spring Boot manages for
# kafka-clients); the services' from the project's POM.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$LOCAL/kafka/pom.xml" | head -n 1)"
PROJECT_VERSION="$(grep -m 1 -A 1 '<artifactId>negotiation-timeline</artifactId>' "$ROOT/pom.xml" | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')"

build_services=true
start_socket=true
rebuild=false
for arg in "$@"; do
  case "$arg" in
    --no-services) build_services=false ;;
    --no-socket) start_socket=false ;;
    --rebuild) rebuild=true ;;
    --stop)
      if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
        kill "$(cat "$PID_FILE")" && echo "[local-images] stopped the API service ($(cat "$PID_FILE"))" >&2
      fi
      rm -f "$PID_FILE"
      exit 0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
    *) echo "[local-images] unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done

START=$(date +%s)
log() { echo "[local-images] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
mkdir -p "$LOG_DIR"

# ---------------------------------------------------------------------------------------- engine

install_packages() {
  [ "$(id -u)" = 0 ] || die "missing packages ($*) and not root: install them with apt-get, then run again"
  log "installing $* from Debian..."
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$LOG_DIR/apt.log" 2>&1; then
    apt-get update -q >>"$LOG_DIR/apt.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$LOG_DIR/apt.log" 2>&1 \
      || die "apt-get install $* failed; see $LOG_DIR/apt.log"
  fi
}

missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
[ "${#missing[@]}" -eq 0 ] || install_packages "${missing[@]}"
[ -f "$CONTAINERS_CONF" ] || die "CONTAINERS_CONF=$CONTAINERS_CONF does not exist"
podman info >/dev/null 2>"$LOG_DIR/podman-info.log" || die "podman does not work here; see $LOG_DIR/podman-info.log"

# ---------------------------------------------------------------------------------------- images

# A short hash of the given directory's files (names and contents) and any further strings.
recipe_hash() {
  local dir="$1"; shift
  {
    (cd "$dir" && find . -type f ! -name '*.log' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    printf '%s\n' "$@"
  } | sha256sum | cut -c1-20
}

image_id() { podman image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }

# Whether IMAGE exists with the recipe label RECIPE (and no rebuild was asked for).
up_to_date() {
  local image="$1" recipe="$2" current
  "$rebuild" && return 1
  current="$(podman image inspect --format "{{index .Labels \"$LABEL\"}}" "$image" 2>/dev/null || true)"
  [ "$current" = "$recipe" ]
}

# Removes the image PREVIOUS (an id) when IMAGE no longer is it: the version a rebuild replaced,
# now untagged. Kept while a container or a child image still uses it.
drop_replaced() {
  local image="$1" previous="$2"
  if [ -n "$previous" ] && [ "$previous" != "$(image_id "$image")" ]; then
    podman rmi "$previous" >/dev/null 2>&1 || true
  fi
}

# build IMAGE RECIPE CONTEXT [podman build options...]
build() {
  local image="$1" recipe="$2" context="$3"; shift 3
  local started logfile previous
  started=$(date +%s)
  previous="$(image_id "$image")"
  logfile="$LOG_DIR/build-$(echo "${image#"$PREFIX"/}" | tr '/:' '__').log"
  log "building $image ..."
  if ! podman build --format docker --label "$LABEL=$recipe" -t "$image" "$@" "$context" >"$logfile" 2>&1; then
    tail -n 30 "$logfile" >&2
    die "building $image failed; the whole log is $logfile"
  fi
  drop_replaced "$image" "$previous"
  log "built $image in $(( $(date +%s) - started )) s"
}

BASE="$PREFIX/debian:bookworm"
JRE="$PREFIX/jre:17"
KAFKA="$PREFIX/kafka:$KAFKA_VERSION"
POSTGRES="$PREFIX/postgres:15"

base_recipe="$(printf 'debootstrap --variant=minbase bookworm %s; sources: bookworm bookworm-updates bookworm-security; v1' "$DEBIAN_MIRROR" | sha256sum | cut -c1-20)"
if up_to_date "$BASE" "$base_recipe"; then
  log "$BASE is up to date"
else
  command -v debootstrap >/dev/null || install_packages debootstrap
  started=$(date +%s)
  previous="$(image_id "$BASE")"
  rootfs="$(mktemp -d /var/tmp/negotiation-timeline-rootfs.XXXXXX)"
  log "building $BASE (debootstrap from $DEBIAN_MIRROR) ..."
  debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >"$LOG_DIR/debootstrap.log" 2>&1 \
    || { rm -rf "$rootfs"; die "debootstrap failed; see $LOG_DIR/debootstrap.log"; }
  rm -f "$rootfs/etc/apt/sources.list"
  security_mirror="${DEBIAN_MIRROR%/debian}/debian-security"
  cat > "$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $DEBIAN_MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  # No recommends, no package caches: smaller images.
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > "$rootfs/etc/apt/apt.conf.d/90no-recommends"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
  tar --numeric-owner -C "$rootfs" -c . \
    | podman import --change "LABEL $LABEL=$base_recipe" --change 'CMD ["/bin/bash"]' - "$BASE" >"$LOG_DIR/import.log" 2>&1 \
    || { rm -rf "$rootfs"; die "podman import of the base image failed"; }
  rm -rf "$rootfs"
  drop_replaced "$BASE" "$previous"
  log "built $BASE in $(( $(date +%s) - started )) s"
fi

jre_recipe="$(recipe_hash "$LOCAL/jre" "$(image_id "$BASE")")"
if up_to_date "$JRE" "$jre_recipe"; then
  log "$JRE is up to date"
else
  build "$JRE" "$jre_recipe" "$LOCAL/jre" --build-arg "BASE_IMAGE=$BASE"
fi

postgres_recipe="$(recipe_hash "$LOCAL/postgres" "$(image_id "$BASE")")"
if up_to_date "$POSTGRES" "$postgres_recipe"; then
  log "$POSTGRES is up to date"
else
  build "$POSTGRES" "$postgres_recipe" "$LOCAL/postgres" --build-arg "BASE_IMAGE=$BASE"
fi

kafka_recipe="$(recipe_hash "$LOCAL/kafka" "$(image_id "$JRE")" "$KAFKA_VERSION")"
if up_to_date "$KAFKA" "$kafka_recipe"; then
  log "$KAFKA is up to date"
else
  command -v mvn >/dev/null || die "mvn is needed to fetch Kafka's jars from Maven Central"
  context="$(mktemp -d /var/tmp/negotiation-timeline-kafka.XXXXXX)"
  cp -r "$LOCAL/kafka/." "$context/"
  log "fetching Kafka $KAFKA_VERSION's jars from Maven Central ..."
  mvn -B -q -f "$LOCAL/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$context/libs" >"$LOG_DIR/kafka-jars.log" 2>&1 \
    || { rm -rf "$context"; die "fetching Kafka's jars failed; see $LOG_DIR/kafka-jars.log"; }
  build "$KAFKA" "$kafka_recipe" "$context" --build-arg "JRE_IMAGE=$JRE" --build-arg "KAFKA_VERSION=$KAFKA_VERSION" \
    || { rm -rf "$context"; exit 1; }
  rm -rf "$context"
fi

# The services' images: the same Dockerfile as for real users (with compose.yaml's build
# arguments), on the local JRE.
if "$build_services"; then
  for service in timeline-service projection-service; do
    case "$service" in
      timeline-service) service_args=(--build-arg SERVICE=timeline-service --build-arg PORT=8080 --build-arg DATA_DIR_VARIABLE=TIMELINE_DATA_DIR) ;;
      projection-service) service_args=(--build-arg SERVICE=projection-service --build-arg PORT=8081 --build-arg DATA_DIR_VARIABLE=PROJECTION_DATA_DIR) ;;
    esac
    jar="$ROOT/$service/target/$service-exec.jar"
    image="$PREFIX/$service:$PROJECT_VERSION"
    if [ ! -f "$jar" ]; then
      log "no $service/target/$service-exec.jar yet: skipping $image (package first: mvn -pl $service package -DskipTests)"
      continue
    fi
    recipe="$(recipe_hash "$ROOT/docker/service" "${service_args[*]}" "$(sha256sum < "$jar")" "$(image_id "$JRE")")"
    if up_to_date "$image" "$recipe"; then
      log "$image is up to date"
      continue
    fi
    # A context with just the jar, at the path the Dockerfile expects (as with the repository as context).
    context="$(mktemp -d /var/tmp/negotiation-timeline-context.XXXXXX)"
    mkdir -p "$context/$service/target"
    ln "$jar" "$context/$service/target/$service-exec.jar" 2>/dev/null || cp "$jar" "$context/$service/target/$service-exec.jar"
    # --layers=false: no intermediate images (the jar changes with every package anyway).
    build "$image" "$recipe" "$context" -f "$ROOT/docker/service/Dockerfile" --build-arg "JRE_IMAGE=$JRE" "${service_args[@]}" --layers=false \
      || { rm -rf "$context"; exit 1; }
    rm -rf "$context"
  done
fi

# -------------------------------------------------------------------------- Docker-compatible API

api_answers() {
  if command -v curl >/dev/null; then
    curl -fsS --max-time 3 --unix-socket "$SOCKET_PATH" http://d/_ping >/dev/null 2>&1
  else
    podman --remote --url "unix://$SOCKET_PATH" version >/dev/null 2>&1
  fi
}

started_pid=""
if "$start_socket"; then
  if [ -S "$SOCKET_PATH" ] && api_answers; then
    log "the Docker-compatible API answers at $SOCKET_PATH"
  else
    mkdir -p "$(dirname "$SOCKET_PATH")"
    rm -f "$SOCKET_PATH"
    # Detached from this shell (own session, no inherited descriptors), so it outlives it.
    setsid podman system service --time=0 "unix://$SOCKET_PATH" \
      >>"$LOG_DIR/podman-service.log" 2>&1 </dev/null &
    started_pid=$!
    echo "$started_pid" > "$PID_FILE"
    for _ in $(seq 1 100); do
      api_answers && break
      kill -0 "$started_pid" 2>/dev/null || die "podman system service exited; see $LOG_DIR/podman-service.log"
      sleep 0.1
    done
    api_answers || die "podman system service does not answer at $SOCKET_PATH; see $LOG_DIR/podman-service.log"
    log "started the Docker-compatible API at $SOCKET_PATH (pid $started_pid, log $LOG_DIR/podman-service.log)"
  fi
fi

log "ready in $(( $(date +%s) - START )) s"
cat <<EOF
export CONTAINERS_CONF='$CONTAINERS_CONF'
export DOCKER_HOST='unix://$SOCKET_PATH'
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
export CONTAINER_IMAGES=local
EOF
if [ -n "$started_pid" ]; then
  echo "export LOCAL_IMAGES_API_PID=$started_pid"
fi
