#!/usr/bin/env bash
# Install LocalStack (host mode, no Docker) into <repo>/.localstack/venv.
#
# Pinned: localstack-core[runtime]==4.9.2 with every dependency constrained by
# constraints.txt (a working `pip freeze`; unpinned dependencies break start-up).
# Idempotent: when the venv is complete (its stamp holds the requirement and the
# sha256 of constraints.txt) a second run does nothing. A stale or partial venv
# is removed and rebuilt.
#
# Env:
#   ASL_PYTHON   interpreter to build the venv with (default: python3; 3.11 is
#                what the pin is known to work with)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

start_ms="$(asl_now_ms)"

if asl_venv_is_complete; then
    echo "localstack venv is up to date: $ASL_LS_VENV (checked in $(asl_elapsed_s "$start_ms") s)"
    exit 0
fi

python_bin="${ASL_PYTHON:-python3}"
if ! command -v "$python_bin" >/dev/null 2>&1; then
    echo "install.sh: '$python_bin' not found (set ASL_PYTHON)" >&2
    exit 1
fi
py_version="$("$python_bin" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [[ "$py_version" != "3.11" ]]; then
    echo "install.sh: warning: $python_bin is Python $py_version; the pin is verified on 3.11 only" >&2
fi

mkdir -p "$ASL_LS_HOME"
if [[ -e "$ASL_LS_VENV" ]]; then
    echo "removing stale or incomplete venv $ASL_LS_VENV"
    rm -rf -- "$ASL_LS_VENV"
fi

echo "creating venv $ASL_LS_VENV with $python_bin (Python $py_version)"
if ! "$python_bin" -m venv "$ASL_LS_VENV"; then
    rm -rf -- "$ASL_LS_VENV"
    echo "install.sh: '$python_bin -m venv' failed; on Debian/Ubuntu install the" \
        "venv module first: apt-get install python3-venv" >&2
    exit 1
fi

echo "installing $ASL_LS_REQUIREMENT (constraints: ${ASL_LS_CONSTRAINTS#"$ASL_REPO_ROOT"/})"
"$ASL_LS_VENV/bin/python" -m pip install \
    --disable-pip-version-check --no-input --progress-bar off --quiet \
    -c "$ASL_LS_CONSTRAINTS" "$ASL_LS_REQUIREMENT"

# Fail now, not at start-up, if the entry point or the CLI is missing.
"$ASL_LS_VENV/bin/python" -c 'import localstack.runtime.main, awscli' >/dev/null
[[ -x "$ASL_LS_VENV/bin/aws" ]] || {
    echo "install.sh: the venv has no aws CLI ($ASL_LS_VENV/bin/aws)" >&2
    exit 1
}

asl_expected_stamp >"$ASL_LS_STAMP"
echo "localstack installed in $(asl_elapsed_s "$start_ms") s: $ASL_LS_VENV"
