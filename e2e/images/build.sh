#!/usr/bin/env bash
# Builds the container images without a Docker daemon.
#
# 1. The static (musl) release binaries, stripped into target/image/ (skipped when they are
#    newer than every source file).
# 2. The images from Dockerfile.broker and Dockerfile.operator themselves, with buildah (no
#    daemon; the Dockerfiles have no RUN step, so no container runtime is involved either),
#    in a throwaway storage, written as one OCI image layout (not `umoci insert`: Debian 12's
#    umoci 0.4.7 writes layer tars without their end-of-archive blocks, which GNU tar and
#    Python's tarfile reject; fixed upstream in umoci PR #534):
#      target/image/oci:moldau-broker:dev     target/image/oci:moldau-operator:dev
#    Use them with any OCI tool, e.g.
#      skopeo copy oci:target/image/oci:moldau-broker:dev containers-storage:localhost/moldau-broker:dev
#      skopeo copy oci:target/image/oci:moldau-broker:dev docker-daemon:moldau-broker:dev
# 3. When a Docker Engine answers, `docker build` of the same Dockerfiles as well (optional).
#
# e2e/tests/test_images.py runs the OCI images with runc (unpacked with umoci) and compose.yaml
# with podman-compose (the image copied into a private podman storage with skopeo), so this also
# installs those. Run it as root: buildah's COPY --chown=65532:65532 (and the tests) need it.
set -euo pipefail
cd "$(dirname "$0")/../.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

TARGET=x86_64-unknown-linux-musl
OUT=target/image
LAYOUT="$OUT/oci"
TAG=dev

missing=()
command -v musl-gcc >/dev/null 2>&1 || missing+=(musl-tools)
command -v buildah >/dev/null 2>&1 || missing+=(buildah)
command -v umoci >/dev/null 2>&1 || missing+=(umoci)
command -v runc >/dev/null 2>&1 || missing+=(runc)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v podman-compose >/dev/null 2>&1 || missing+=(podman-compose)
if [ ${#missing[@]} -gt 0 ]; then
  echo "   installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"

# The binaries. Up to date when both are newer than every file that goes into them.
up_to_date() {
  local b
  for b in moldau-broker moldau-operator; do
    [ -f "$OUT/$b" ] || return 1
    if [ -n "$(find Cargo.toml Cargo.lock broker operator proto -newer "$OUT/$b" -type f -print -quit)" ]; then
      return 1
    fi
  done
}
mkdir -p "$OUT"
if up_to_date; then
  echo "   static binaries up to date ($OUT/moldau-broker, $OUT/moldau-operator)"
else
  cargo build --release --target "$TARGET" -p moldau-broker -p moldau-operator
  for b in moldau-broker moldau-operator; do
    strip -o "$OUT/$b" "target/$TARGET/release/$b"
  done
fi

# The images. The build context is the repository; .dockerignore admits only the binaries and
# docker/data. --layers keeps one layer per COPY, as `docker build` does; --timestamp (the last
# commit's time) makes the build reproducible: the same binaries give the same image digests.
store="$(mktemp -d "${TMPDIR:-/tmp}/moldau-buildah.XXXXXX")"
trap 'rm -rf "$store"' EXIT
bah() { buildah --root "$store/root" --runroot "$store/run" --storage-driver vfs "$@"; }
epoch="$(git log -1 --format=%ct 2>/dev/null || date +%s)"
rm -rf "$LAYOUT"
for name in moldau-broker moldau-operator; do
  dockerfile="Dockerfile.${name#moldau-}"
  bah build -q --layers --identity-label=false --timestamp "$epoch" \
    -f "$dockerfile" -t "localhost/$name:$TAG" . >/dev/null
  bah push -q "localhost/$name:$TAG" "oci:$LAYOUT:$name:$TAG"
  echo "   oci:$LAYOUT:$name:$TAG (from $dockerfile)"
done

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  docker build -q -f Dockerfile.broker -t "moldau-broker:$TAG" . >/dev/null
  docker build -q -f Dockerfile.operator -t "moldau-operator:$TAG" . >/dev/null
  echo "   docker: moldau-broker:$TAG, moldau-operator:$TAG"
fi
