#!/usr/bin/env bash
# Renders every valid/unknown corpus definition that parses with
# `asl graph --format dot | dot -Tsvg`, and counts what Graphviz rejects.
#   scripts/check-dot.sh CORPUS_DIR ASL_BINARY
set -euo pipefail
corpus="$1"
asl="$2"
passed=0
failed=0
out_dir="$(mktemp -d)"
trap 'rm -rf "$out_dir"' EXIT
while IFS=$'\t' read -r file _source expected _rest; do
  case "$expected" in valid|unknown) ;; *) continue ;; esac
  if ! "$asl" graph --format dot "$corpus/$file" >"$out_dir/g.dot" 2>/dev/null; then
    continue # does not parse: outside this check
  fi
  if dot -Tsvg "$out_dir/g.dot" -o "$out_dir/g.svg" 2>"$out_dir/err"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $file: $(head -c 300 "$out_dir/err")"
  fi
done < <(tail -n +2 "$corpus/manifest.tsv")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
