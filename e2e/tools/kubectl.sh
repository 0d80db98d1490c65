#!/usr/bin/env bash
# Prints the path of a kubectl for the kube-standin tests, on stdout and alone there (all
# progress goes to stderr):
#   1. `command -v kubectl`, when one is on PATH (skipped with MOLDAU_BUILD_KUBECTL=1);
#   2. target/tools/kubectl-<version>, built by an earlier run;
#   3. else builds that from source: k8s.io/kubernetes <version> from the Go module proxy, in a
#      small wrapper module under target/tools/, with its staging modules (k8s.io/api,
#      k8s.io/client-go, ...) pinned by replace lines to their v0.<minor>.<patch> releases.
# In cases 2 and 3 the path printed is target/tools/bin/kubectl, a symlink to that build, so
# that the directory can go on PATH for the tests, which run `kubectl` by name.
# MOLDAU_BUILD_KUBECTL=1 ignores a kubectl on PATH and always runs the build (an up-to-date one
# only relinks). MOLDAU_KUBECTL_VERSION picks another release (default below).
# Go's module and build caches live under target/go, like e2e/clients/build.sh's. A cold
# build fills ~1.2 GB of module and build cache and takes about 3.5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

version=${MOLDAU_KUBECTL_VERSION:-v1.37.2}
force=${MOLDAU_BUILD_KUBECTL:-0}
out=$repo/target/tools/kubectl-$version
link=$repo/target/tools/bin/kubectl
# Points target/tools/bin/kubectl at the build and prints that.
use_build() {
  mkdir -p "$(dirname "$link")"
  ln -sfn "../kubectl-$version" "$link"
  echo "$link"
}

if [ "$force" != 1 ] && found=$(command -v kubectl 2>/dev/null); then
  echo "$found"
  exit 0
fi
if [ "$force" != 1 ] && [ -x "$out" ]; then
  use_build
  exit 0
fi

command -v go >/dev/null 2>&1 || { echo "kubectl.sh: no kubectl and no go to build one with" >&2; exit 1; }
[[ $version =~ ^v1\.([0-9]+)\.([0-9]+)$ ]] || { echo "kubectl.sh: version $version is not v1.MINOR.PATCH" >&2; exit 1; }
staging_version=v0.${BASH_REMATCH[1]}.${BASH_REMATCH[2]}
major=1 minor=${BASH_REMATCH[1]}

echo "kubectl.sh: building kubectl $version from k8s.io/kubernetes (staging modules $staging_version)" >&2
mkdir -p target/tools target/go
export GOPATH="$repo/target/go"
export GOCACHE="$repo/target/go/cache"
export GOMODCACHE="$repo/target/go/pkg/mod"
# -mod=mod: the wrapper module's go.mod/go.sum are generated here, so the build may fill them.
export GOFLAGS="-mod=mod -modcacherw -buildvcs=false -trimpath"
export GOTOOLCHAIN=local CGO_ENABLED=0

work=$repo/target/tools/kubectl-build-$version
mkdir -p "$work"
cd "$work"

# k8s.io/kubernetes's own go.mod: its staging modules are required as v0.0.0 and replaced by
# ./staging/src/k8s.io/<name>, which a dependent module cannot use; name their releases instead.
kube_mod=$(go mod download -json "k8s.io/kubernetes@$version" |
  sed -n 's/^[[:space:]]*"GoMod":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p')
[ -f "$kube_mod" ] || { echo "kubectl.sh: no go.mod for k8s.io/kubernetes@$version" >&2; exit 1; }
mapfile -t staging < <(
  {
    # require lines "k8s.io/<name> v0.0.0" (in a block or alone) ...
    sed -n -E 's/^[[:space:]]*(require[[:space:]]+)?(k8s\.io\/[^[:space:]]+)[[:space:]]+v0\.0\.0([[:space:]].*)?$/\2/p' "$kube_mod"
    # ... and replace lines "k8s.io/<name> => ./staging/src/k8s.io/<name>"
    sed -n -E 's/^[[:space:]]*(replace[[:space:]]+)?(k8s\.io\/[^[:space:]]+)[[:space:]]+=>[[:space:]]+\.\/staging\/.*$/\2/p' "$kube_mod"
  } | sort -u
)
[ ${#staging[@]} -gt 0 ] || { echo "kubectl.sh: found no staging modules in $kube_mod" >&2; exit 1; }

{
  echo "module moldau.local/kubectl-build"
  echo
  echo "go $(go env GOVERSION | sed -E 's/^go([0-9]+\.[0-9]+).*/\1/')"
  echo
  echo "require k8s.io/kubernetes $version"
  echo
  echo "replace ("
  for m in "${staging[@]}"; do echo "	$m => $m $staging_version"; done
  echo ")"
} >go.mod.new
# A changed go.mod (other version, other staging list) starts from a fresh go.sum.
if ! cmp -s go.mod.new go.mod.gen 2>/dev/null; then
  cp go.mod.new go.mod
  cp go.mod.new go.mod.gen
  rm -f go.sum
fi
rm -f go.mod.new

# What kubernetes' hack/lib/version.sh stamps, so `kubectl version --client` names the release.
ldflags="-s -w"
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  ldflags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean"
done
go build -ldflags "$ldflags" -o "$out.tmp" k8s.io/kubernetes/cmd/kubectl >&2
mv -f "$out.tmp" "$out"
"$out" version --client >&2
use_build
