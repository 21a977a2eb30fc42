#!/usr/bin/env bash
# Builds the Fogbank image (fogbank/fogbank:latest) and the Lambda runtime image the Docker tests
# use (fogbank/lambda-python:3.11), from local material only:
#   1. a Docker engine: Debian's docker.io, installed and started here when none answers (as root);
#   2. base images: a Debian root filesystem made with debootstrap (cached under $FOGBANK_CACHE,
#      so later runs skip it) imported as local/debian:bookworm-minbase, and a busybox+glibc base
#      made from it; with BASE_IMAGE set (e.g. busybox:1.37-glibc on a machine that reaches a
#      registry) the Fogbank image builds from that instead;
#   3. the runnable jar (app/target/fogbank.jar; built when missing), a Java runtime of only the
#      modules it needs (jdeps + jlink), then `docker build`.
# Environment: IMAGE (default fogbank/fogbank:latest), BASE_IMAGE, FOGBANK_CACHE
# (default /var/cache/fogbank), DOCKERD_LOG (default /tmp/fogbank-dockerd.log).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
IMAGE="${IMAGE:-fogbank/fogbank:latest}"
CACHE="${FOGBANK_CACHE:-/var/cache/fogbank}"
DEBIAN_IMAGE=local/debian:bookworm-minbase
GLIBC_IMAGE=local/busybox:glibc
LAMBDA_PYTHON_IMAGE=fogbank/lambda-python:3.11
say() { echo "build-image: $*" >&2; }
as_root() { [[ $(id -u) -eq 0 ]]; }

# ---- 1. the engine
ensure_engine() {
  docker info >/dev/null 2>&1 && return 0
  as_root || { say "no Docker engine answers and this is not root: start dockerd first"; exit 1; }
  if ! command -v dockerd >/dev/null; then
    say "installing Debian's docker.io, containerd and runc"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io containerd runc >/dev/null
  fi
  local log="${DOCKERD_LOG:-/tmp/fogbank-dockerd.log}"
  for args in "--storage-driver=overlay2 --ip=127.0.0.1" "--storage-driver=vfs --iptables=false --bridge=none"; do
    say "starting dockerd $args"
    # shellcheck disable=SC2086
    dockerd $args >"$log" 2>&1 &
    echo $! >"$CACHE/dockerd.pid"
    for _ in $(seq 1 30); do
      docker info >/dev/null 2>&1 && { say "engine up (pid $(cat "$CACHE/dockerd.pid"))"; return 0; }
      kill -0 "$(cat "$CACHE/dockerd.pid")" 2>/dev/null || break
      sleep 1
    done
    kill "$(cat "$CACHE/dockerd.pid")" 2>/dev/null || true
    wait "$(cat "$CACHE/dockerd.pid")" 2>/dev/null || true
  done
  say "dockerd did not start; see $log"; exit 1
}

# ---- 2. base images
ensure_debian_base() {
  docker image inspect "$DEBIAN_IMAGE" >/dev/null 2>&1 && return 0
  local tarball="$CACHE/debian-bookworm-minbase-python3.tar"
  if [[ ! -s "$tarball" ]]; then
    as_root || { say "debootstrap needs root"; exit 1; }
    command -v debootstrap >/dev/null || {
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
    local rootfs="$CACHE/rootfs-bookworm"
    rm -rf "$rootfs"
    say "debootstrap bookworm (minbase, python3, busybox-static) into $rootfs"
    debootstrap --variant=minbase --include=python3,busybox-static,ca-certificates \
      bookworm "$rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$CACHE/debootstrap.log" 2>&1 \
      || { say "debootstrap failed; see $CACHE/debootstrap.log"; exit 1; }
    # What a container never needs: package caches and lists, documentation, translations.
    rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
      "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/info/*
    tar -C "$rootfs" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$rootfs"
  fi
  say "importing $tarball as $DEBIAN_IMAGE"
  docker import "$tarball" "$DEBIAN_IMAGE" >/dev/null
}

ensure_glibc_base() {
  docker image inspect "$GLIBC_IMAGE" >/dev/null 2>&1 && return 0
  say "building $GLIBC_IMAGE from $DEBIAN_IMAGE"
  docker build -q --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" -t "$GLIBC_IMAGE" \
    -f "$here/base/Dockerfile.busybox-glibc" "$here/base" >/dev/null
}

# ---- 3. the runtime and the image
java_home() {
  for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25*; do
    [[ -n "$j" && -x "$j/bin/jlink" ]] && grep -q 'JAVA_VERSION="25' "$j/release" 2>/dev/null && { echo "$j"; return 0; }
  done
  say "JDK 25 not found (set JAVA_HOME)"; exit 1
}

build_image() {
  local jdk; jdk="$(java_home)"
  local jar="$repo/app/target/fogbank.jar"
  if [[ ! -f "$jar" ]]; then
    say "building $jar"
    (cd "$repo" && JAVA_HOME="$jdk" mvn -B -q -DskipTests package -pl app -am) >&2
  elif [[ -n "$(find "$repo" -path "$repo/.git" -prune -o -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit)" ]]; then
    say "warning: $jar is older than the sources; the image gets it as it is (mvn package to refresh it)"
  fi
  local ctx="$here/target/image"
  rm -rf "$ctx" && mkdir -p "$ctx"
  # The modules the jar uses, less java.desktop (Jackson's optional java.beans support) and
  # java.compiler (annotation-processing types nothing calls at run time): 15 MB less image.
  local modules
  modules="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 "$jar" \
    | tr ',' '\n' | grep -v -x -e java.desktop -e java.compiler | paste -sd, -),java.logging"
  say "jlink $modules"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --output "$ctx/runtime"
  cp "$jar" "$ctx/fogbank.jar"
  cp "$here/src/main/docker/docker-entrypoint.sh" "$ctx/"
  local base="${BASE_IMAGE:-$GLIBC_IMAGE}"
  say "docker build $IMAGE from $base"
  docker build -q --build-arg BASE_IMAGE="$base" \
    --build-arg FOGBANK_VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$repo/pom.xml" | head -1)" \
    -t "$IMAGE" -f "$here/Dockerfile" "$ctx" >/dev/null
  say "$IMAGE: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.1f MB", $1/1e6}')"
}

# The Lambda runtime image: Debian's python3 with Fogbank's Runtime API bootstrap, laid out as the
# AWS base images are (/var/runtime, /var/task, /opt). The bootstrap is the one Fogbank runs
# Python functions with outside containers, so both executors behave alike.
build_lambda_images() {
  local ctx="$here/target/lambda-python"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp "$here/lambda/python/Dockerfile" "$ctx/"
  cp "$repo/lambda-runtime/src/main/resources/dev/fogbank/lambda/runtime/bootstrap.py" "$ctx/"
  say "docker build $LAMBDA_PYTHON_IMAGE from $DEBIAN_IMAGE"
  docker build -q --build-arg BASE_IMAGE="$DEBIAN_IMAGE" -t "$LAMBDA_PYTHON_IMAGE" "$ctx" >/dev/null
}

mkdir -p "$CACHE"
ensure_engine
if [[ -z "${BASE_IMAGE:-}" ]]; then
  ensure_debian_base
  ensure_glibc_base
fi
build_image
if [[ -f "$here/lambda/python/Dockerfile" ]] && docker image inspect "$DEBIAN_IMAGE" >/dev/null 2>&1; then
  build_lambda_images
fi
