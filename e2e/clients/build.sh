#!/usr/bin/env bash
# Builds the Go and Node Kafka clients that e2e/tests/test_go_clients.py and test_kafkajs.py
# run against moldau:
#   target/clients/{franz,sarama,kafkago}   one Go module, e2e/clients/go (go.sum pinned)
#   e2e/clients/node/node_modules           kafkajs from e2e/clients/node/package-lock.json
# Go's module and build caches live under target/go, so a second run only relinks what
# changed; npm ci runs again only when package-lock.json changed.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

command -v go >/dev/null 2>&1 || { echo "build.sh: go is not installed (the Go clients need Go 1.26+)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "build.sh: npm is not installed (the kafkajs client needs Node 18+)" >&2; exit 1; }

echo "== Go clients (franz-go, sarama, kafka-go) -> target/clients/"
mkdir -p target/clients target/go
export GOPATH="$repo/target/go"
export GOCACHE="$repo/target/go/cache"
export GOMODCACHE="$repo/target/go/pkg/mod"
# -mod=readonly: go.mod and go.sum are the pins, never rewritten by a build; -modcacherw:
# the module cache stays removable with the rest of target/.
export GOFLAGS="-mod=readonly -modcacherw -buildvcs=false -trimpath"
export GOTOOLCHAIN=local
(
  cd e2e/clients/go
  unformatted=$(gofmt -l .)
  [ -z "$unformatted" ] || { echo "build.sh: not gofmt'd: $unformatted" >&2; exit 1; }
  go vet ./...
  go build -o "$repo/target/clients/" ./cmd/...
)

echo "== kafkajs client (npm ci) in e2e/clients/node"
node_dir=e2e/clients/node
stamp=$node_dir/node_modules/.moldau-lock.sha256
want=$(sha256sum "$node_dir/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$node_dir/node_modules/kafkajs/package.json" ]; then
  echo "node_modules is up to date with package-lock.json"
else
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
fi
ls -l target/clients/
