#!/usr/bin/env bash
# The simulator against executions recorded on AWS: builds `asl`, runs the
# corpus's reference judge (compare.py: A = final status and output or
# error/cause, B = the whole event history), then the `asl` crate's
# expected executions when the corpus has them.
#   scripts/sim-conformance.sh CORPUS [--list N] [--only SUBSTR]
# CORPUS is the folder holding executions/ (and optionally asl-crate/).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 CORPUS [--list N] [--only SUBSTR]" >&2
  exit 2
fi
corpus="$1"
shift
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build -q -p asl-cli
python3 "$corpus/executions/compare.py" "$root/target/debug/asl" "$corpus/executions" "$@"
if [ -d "$corpus/asl-crate/tests/test-data/expected-executions-valid-cases" ]; then
  cargo run -q -p asl-sim --example asl_crate_cases -- "$corpus" | tail -n 1
fi
