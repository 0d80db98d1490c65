#!/usr/bin/env bash
# The whole test suite: installs what it needs (Debian packages, Python clients), checks
# formatting and lints, runs the Rust unit and property tests, builds the broker and runs the
# end-to-end tests with real Kafka clients against it.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# kcat for the kcat tests; nftables and iproute2 (ss) for cutting brokers off in cluster tests;
# kubectl (client only) drives the kube-standin conformance tests: the one on PATH, else one
# e2e/tools/kubectl.sh builds from source into target/tools (see below).
missing=()
command -v kcat >/dev/null 2>&1 || missing+=(kcat)
command -v nft >/dev/null 2>&1 || missing+=(nftables)
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
# Prometheus and promtool: the chart's alert rules and dashboards are run against a real one.
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# kubectl: on PATH already, or built from k8s.io/kubernetes (Go module proxy) and cached.
kubectl_bin=$(./e2e/tools/kubectl.sh)
if [ "$(command -v kubectl 2>/dev/null || true)" != "$kubectl_bin" ]; then
  export PATH="$(dirname "$kubectl_bin"):$PATH"
fi
echo "== installing Python clients"
python3 -m pip install -q --disable-pip-version-check -r e2e/requirements.txt

echo "== cargo fmt --check"
cargo fmt --all -- --check
cargo fmt --manifest-path fuzz/Cargo.toml -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== cargo test"
cargo test --workspace
echo "== fuzzing (bounded: ${MOLDAU_FUZZ_SECONDS:-60}s per target; fuzz/run.sh SECONDS for a campaign)"
./fuzz/run.sh "${MOLDAU_FUZZ_SECONDS:-60}"
echo "== building moldau-broker, moldau-operator and kube-standin"
cargo build -p moldau-broker --bin moldau-broker -p moldau-operator --bin moldau-operator \
  -p kube-standin --bin kube-standin -p moldau-e2e --bin hostile
echo "== Apache Kafka 4.4 from Maven Central (test fixture and benchmark peer), the Java client tests"
./e2e/kafka/fetch.sh >/dev/null
./e2e/java/build.sh >/dev/null
echo "== Go clients (franz-go, sarama, kafka-go) and kafkajs"
./e2e/clients/build.sh
echo "== container images (static musl binaries, FROM scratch; OCI layout target/image/oci, no daemon)"
./e2e/images/build.sh
echo "== end-to-end tests"
MOLDAU_BROKER_BIN="$PWD/target/debug/moldau-broker" MOLDAU_STANDIN_BIN="$PWD/target/debug/kube-standin" \
  MOLDAU_HOSTILE_BIN="$PWD/target/debug/hostile" \
  MOLDAU_OPERATOR_BIN="$PWD/target/debug/moldau-operator" \
  python3 -m pytest -p no:cacheprovider -v e2e/tests "$@"
