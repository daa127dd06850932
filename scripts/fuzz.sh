#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 20), seeded from the shared
# corpus, which is copied at run time and never committed.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# The random seed is fixed (ASL_FUZZ_SEED, default 1), so that a crash CI
# finds shows up again in a local run of the same commit.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain the
# sanitizer flags need RUSTC_BOOTSTRAP=1, which this script sets.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse jsonpath intrinsic jsonata iam simulate)
corpus="${ASL_CORPUS:-../shared/corpus}"
export RUSTC_BOOTSTRAP=1

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

seed() { # target -> fills fuzz/corpus/<target> from the shared corpus
  local t="$1" dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  [ -f "$corpus/manifest.tsv" ] || { echo "note: no corpus at $corpus; fuzzing unseeded"; return; }
  python3 - "$corpus" "$dir" "$t" <<'PY'
import csv, hashlib, json, os, sys
corpus, out, target = sys.argv[1:4]
rows = list(csv.DictReader(open(os.path.join(corpus, "manifest.tsv")), delimiter="\t"))
def put(data: bytes):
    open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb").write(data)
strings = set()
def walk(v, key=""):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, k)
    elif isinstance(v, list):
        for x in v:
            walk(x, key)
    elif isinstance(v, str):
        strings.add((key, v))
for r in rows:
    p = os.path.join(corpus, r["file"])
    try:
        raw = open(p, "rb").read()
    except OSError:
        continue
    if target in ("parse", "iam", "simulate"):
        put(raw)
        continue
    try:
        walk(json.loads(raw))
    except Exception:
        pass
if target == "jsonpath":
    for line in open(os.path.join(corpus, "paths", "asl-path-validator-paths.tsv")).read().splitlines()[1:]:
        put(json.loads(line.split("\t")[0]).encode())
    for k, s in strings:
        if s.startswith("$"):
            put(s.encode())
elif target == "intrinsic":
    for k, s in strings:
        if s.startswith("States."):
            put(s.encode())
elif target == "jsonata":
    for k, s in strings:
        if s.startswith("{%") and s.endswith("%}"):
            put(s[2:-2].encode())
PY
}

for t in "${targets[@]}"; do
  seed "$t"
  echo "==> fuzz $t for ${seconds}s ($(find "fuzz/corpus/$t" -type f | wc -l) seeds)"
  mkdir -p fuzz/logs
  log="fuzz/logs/$t.log"
  start=$(date +%s)
  if ! cargo fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -seed="${ASL_FUZZ_SEED:-1}" -rss_limit_mb=2048 \
      -max_len=1048576 -print_final_stats=1 >"$log" 2>&1; then
    echo "FAIL fuzz $t: see $log"
    tail -40 "$log"
    exit 1
  fi
  # libFuzzer's last status line carries executions and coverage.
  last=$(grep -E "^#[0-9]+" "$log" | tail -1 || true)
  runs=$(grep -E "^stat::number_of_executed_units" "$log" | awk '{print $2}' || true)
  echo "ok fuzz $t: ${runs:-?} executions in $(( $(date +%s) - start ))s; last: ${last}"
done
