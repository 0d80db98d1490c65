#!/usr/bin/env bash
# Runs the fuzz targets with libFuzzer (cargo fuzz, AddressSanitizer), each for SECONDS,
# starting from the committed seeds (recorded from real clients) and the working corpus in
# fuzz/corpus/ (kept between runs, not committed). Any crash, abort, allocation over 256 MiB,
# RSS over 2 GiB or input taking over 10 s fails the run; libFuzzer writes the input to
# fuzz/artifacts/<target>/ — copy it to fuzz/regressions/<target>/ with the fix, and
# broker/tests/fuzz_corpus.rs runs it from then on.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     e.g. fuzz/run.sh 3600 request   (a long campaign)
#
# cargo fuzz needs a nightly compiler for -Zsanitizer; the stable one accepts it with
# RUSTC_BOOTSTRAP=1 (stable toolchains ship the ASan runtime), so no second toolchain is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(request record_batch metadata_log group_records)
tools="$PWD/target/tools"
if [ ! -x "$tools/bin/cargo-fuzz" ]; then
  cargo install -q cargo-fuzz --version 0.13.2 --locked --root "$tools"
fi
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log="fuzz/corpus/$t.log"
  echo "== fuzzing $t for ${seconds}s"
  if ! "$tools/bin/cargo-fuzz" run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -max_total_time="$seconds" -malloc_limit_mb=256 -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 >"$log" 2>&1; then
    tail -60 "$log"
    echo "fuzz target $t failed: the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
  grep -E "DONE +cov:" "$log" | tail -1 | sed "s/^/$t: /" || true
  grep -E "stat::(number_of_executed_units|average_exec_per_sec)" "$log" | sed "s/^/$t: /" || true
done
