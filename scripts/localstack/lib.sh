# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this
# Shared paths and helpers for the scripts in scripts/localstack/.
# Sourced, never run. Every path is computed from this file's location, so the
# scripts work from any working directory.

ASL_LS_SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
ASL_REPO_ROOT="$(cd -- "$ASL_LS_SCRIPT_DIR/../.." && pwd)"

# Everything the server writes lives under <repo>/.localstack/ (git-ignored).
ASL_LS_HOME="$ASL_REPO_ROOT/.localstack"
ASL_LS_VENV="$ASL_LS_HOME/venv"
ASL_LS_STAMP="$ASL_LS_VENV/.asl-kit-install-stamp"
ASL_LS_DATA_DIR="$ASL_LS_HOME/data"
ASL_LS_LOG="$ASL_LS_HOME/server.log"
ASL_LS_PID_FILE="$ASL_LS_HOME/server.pid"
ASL_LS_CONSTRAINTS="$ASL_LS_SCRIPT_DIR/constraints.txt"

# The one pinned requirement; the rest is pinned by constraints.txt.
ASL_LS_REQUIREMENT='localstack-core[runtime]==4.9.2'

ASL_LS_PORT="${ASL_LOCALSTACK_PORT:-4566}"

# The services the server runs: Step Functions for the deploy and execution
# tests, IAM and STS for `DeploySpec::create_role` (the execution role).
# Comma-separated, as LocalStack's SERVICES wants them.
ASL_LS_SERVICES="stepfunctions,iam,sts"
ASL_LS_ENDPOINT="http://127.0.0.1:${ASL_LS_PORT}"

# Milliseconds since the epoch (GNU date).
asl_now_ms() {
    local ns
    ns="$(date +%s%N)"
    echo $((ns / 1000000))
}

# Print the seconds elapsed since a value of asl_now_ms, e.g. "12.345".
asl_elapsed_s() {
    local start_ms="$1" end_ms diff
    end_ms="$(asl_now_ms)"
    diff=$((end_ms - start_ms))
    printf '%d.%03d' $((diff / 1000)) $((diff % 1000))
}

# The content the install stamp must have for the venv to count as complete.
asl_expected_stamp() {
    local hash
    hash="$(sha256sum "$ASL_LS_CONSTRAINTS" | cut -d' ' -f1)"
    printf 'requirement=%s\nconstraints-sha256=%s\n' "$ASL_LS_REQUIREMENT" "$hash"
}

asl_venv_is_complete() {
    [[ -x "$ASL_LS_VENV/bin/python" && -f "$ASL_LS_STAMP" ]] || return 1
    [[ "$(cat "$ASL_LS_STAMP")" == "$(asl_expected_stamp)" ]]
}

# True while $1 is a live process (a zombie, exited but not yet reaped by a
# parent that is not an init, counts as gone).
asl_pid_alive() {
    local pid="$1" stat
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r "/proc/$pid/stat" ]]; then
        stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
        stat="${stat##*) }"
        [[ "${stat:0:1}" != Z ]] || return 1
    fi
    return 0
}

# PID from the PID file if that process is alive and is our launcher (guards
# against a recycled PID), else nothing (and status 1).
asl_running_pid() {
    local pid cmdline
    [[ -f "$ASL_LS_PID_FILE" ]] || return 1
    pid="$(tr -dc '0-9' <"$ASL_LS_PID_FILE")"
    [[ -n "$pid" ]] || return 1
    asl_pid_alive "$pid" || return 1
    if [[ -r "/proc/$pid/cmdline" ]]; then
        cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline")"
        [[ "$cmdline" == *"$ASL_LS_SCRIPT_DIR/launcher.py"* ]] || return 1
    fi
    echo "$pid"
}

# True when /_localstack/health reports each of $ASL_LS_SERVICES "running" or
# "available".
# Uses python3 rather than curl (a clean Debian image may lack curl) and
# bypasses any proxy settings: the request goes to 127.0.0.1 only.
asl_health_ok() {
    python3 - "$ASL_LS_ENDPOINT/_localstack/health" "$ASL_LS_SERVICES" <<'PY'
import json, sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
try:
    with opener.open(sys.argv[1], timeout=2) as resp:
        services = json.load(resp).get("services", {})
except Exception:
    sys.exit(1)
wanted = sys.argv[2].split(",")
sys.exit(0 if all(services.get(s) in ("running", "available") for s in wanted) else 1)
PY
}
