#!/usr/bin/env bash
# Compile-time benchmark for `state_machine!` (issue #5): one 200-state
# machine written (a) with the macro, (b) with the builders, (c) with
# `serde_json::json!`. For each: a clean build of the benchmark crate (its
# dependencies already built; `cargo clean -p` removes only this crate) and
# an incremental rebuild after an edit of the source file. Prints a table
# of the median of RUNS runs (default 3). Debug profile, like `cargo build`.
#
#   benches/compile-time/run.sh            # RUNS=5 benches/compile-time/run.sh
set -euo pipefail
cd "$(dirname "$0")"
RUNS="${RUNS:-3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

python3 gen.py
echo "building dependencies once…" >&2
cargo build --quiet --bins

# The three binaries must build the same machine.
a=$("$CARGO_TARGET_DIR/debug/with_macro"); b=$("$CARGO_TARGET_DIR/debug/with_builders"); c=$("$CARGO_TARGET_DIR/debug/with_json")
echo "outputs: ${#a} bytes of JSON each" >&2
[ "$a" = "$b" ] && [ "$b" = "$c" ] || { echo "the three machines differ" >&2; exit 1; }

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A clean incr
for bin in with_macro with_builders with_json; do
  src="src/bin/$bin.rs"
  cs=(); is=()
  for _ in $(seq "$RUNS"); do
    cargo clean --quiet -p asl-compile-time-bench
    t0=$(now); cargo build --quiet --bin "$bin"; t1=$(now)
    cs+=("$(echo "$t1 - $t0" | bc -l)")
    # An edit: append a comment (then restore the file).
    cp "$src" "$src.bak"; echo "// edit $RANDOM" >> "$src"
    t0=$(now); cargo build --quiet --bin "$bin"; t1=$(now)
    mv "$src.bak" "$src"
    is+=("$(echo "$t1 - $t0" | bc -l)")
  done
  clean[$bin]=$(printf '%s\n' "${cs[@]}" | median)
  incr[$bin]=$(printf '%s\n' "${is[@]}" | median)
done
# Leave the binaries built from the unedited sources.
cargo build --quiet --bins

printf '\n| way | clean build (s) | incremental rebuild (s) | clean vs json! | incremental vs json! |\n|---|---|---|---|---|\n'
for bin in with_macro with_builders with_json; do
  printf '| %s | %.2f | %.2f | %.2f× | %.2f× |\n' "$bin" "${clean[$bin]}" "${incr[$bin]}" \
    "$(echo "${clean[$bin]} / ${clean[with_json]}" | bc -l)" \
    "$(echo "${incr[$bin]} / ${incr[with_json]}" | bc -l)"
done
printf '\n(median of %s runs; rustc %s)\n' "$RUNS" "$(rustc --version | cut -d' ' -f2)"
