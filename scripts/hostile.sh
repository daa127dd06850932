#!/usr/bin/env bash
# Hostile inputs for `asl check`: each must end with exit 1 and a message,
# within 20 s and 2 GiB. Prints a Markdown table, then `N passed, N failed`.
#   scripts/hostile.sh [ASL_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
asl="${1:-}"
if [ -z "$asl" ]; then
  cargo build -q --release -p asl-cli --no-default-features
  asl=target/release/asl
fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

python3 - "$dir" <<'PY'
import json, os, sys
d = sys.argv[1]
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
# Parallel inside Parallel 10,000 times.
inner = '{"Type":"Succeed"}'
doc = '{"StartAt":"S","States":{"S":' + inner + '}}'
for i in range(10000):
    doc = '{"StartAt":"P%d","States":{"P%d":{"Type":"Parallel","End":true,"Branches":[%s]}}}' % (i, i, doc)
w("parallel-nested-10000.json", doc)
# A JSON array nested 200,000 deep.
w("array-nested-200000.json", "[" * 200000 + "]" * 200000)
# Over 1,048,576 characters: a valid machine with a long Comment.
w("over-1mib.json", json.dumps({"Comment": "x" * 1_100_000, "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}))
# 300,000 states in a chain.
states = {f"S{i}": {"Type": "Pass", "Next": f"S{i+1}"} for i in range(300000)}
states["S300000"] = {"Type": "Succeed"}
w("states-300000.json", json.dumps({"StartAt": "S0", "States": states}))
# 300,000 states that no transition reaches: one diagnostic each.
states = {f"S{i}": {"Type": "Pass", "End": True} for i in range(300000)}
w("unreachable-300000.json", json.dumps({"StartAt": "S0", "States": states}))
# A 100 MB string.
w("string-100mb.json", '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"' + "y" * 100_000_000 + '","End":true}}}')
# Invalid UTF-8, an empty file, non-JSON bytes.
w("invalid-utf8.json", b'{"StartAt":"\xff\xfe","States":{}}')
w("empty.json", b"")
w("not-json.bin", bytes(range(256)) * 64)
PY

printf '| case | exit | seconds | peak RSS (MiB) | first message |\n|---|---|---|---|---|\n'
passed=0
failed=0
for f in parallel-nested-10000.json array-nested-200000.json over-1mib.json states-300000.json unreachable-300000.json \
         string-100mb.json invalid-utf8.json empty.json not-json.bin; do
  # Wall time and the child's peak RSS, measured by Python's standard library
  # (no GNU time needed on a fresh machine).
  read -r code secs kib < <(python3 - "$asl" "$dir/$f" "$dir/out" <<'PY'
import resource, subprocess, sys, time
asl, path, out = sys.argv[1:4]
start = time.monotonic()
with open(out, "wb") as f:
    code = subprocess.call([asl, "check", path], stdout=f, stderr=subprocess.STDOUT)
secs = time.monotonic() - start
print(code, "%.2f" % secs, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
)
  mib=$((kib / 1024))
  # The first non-empty line (sed quits there, so nothing upstream gets SIGPIPE).
  msg=$(sed -n "/[^[:space:]]/{s|$dir/||;p;q}" "$dir/out" | cut -c1-150)
  printf '| %s | %s | %s | %s | %s |\n' "$f" "$code" "$secs" "$mib" "$msg"
  if [ "$code" = "1" ] && [ -n "$msg" ] && [ "$mib" -lt 2048 ] && awk "BEGIN{exit !($secs < 20)}"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
