#!/usr/bin/env bash
# Start LocalStack's Step Functions, IAM and STS APIs in the background, on
# 127.0.0.1 only.
#
# Runs install.sh first (a no-op when the venv is complete), then
# launcher.py (LocalStack's own entry point plus the Bedrock and shutdown patches) with
# the verified host-mode environment. Waits until /_localstack/health reports
# stepfunctions, iam and sts "running" or "available". If the server recorded
# in the PID file is alive, healthy and was started with the same port, mock
# file and services, it is reused (LocalStack re-reads the mock file itself
# whenever it changes).
#
# Env:
#   ASL_LOCALSTACK_PORT          port on 127.0.0.1 (default 4566)
#   ASL_LOCALSTACK_MOCK_CONFIG   SFN mock file (default scripts/localstack/mock-config.json)
#   ASL_LOCALSTACK_START_TIMEOUT seconds to wait for health (default 120)
#
# Files: .localstack/server.pid, .localstack/server.log, .localstack/data/
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

timeout_s="${ASL_LOCALSTACK_START_TIMEOUT:-120}"
mock_config="${ASL_LOCALSTACK_MOCK_CONFIG:-$ASL_LS_SCRIPT_DIR/mock-config.json}"

if [[ ! "$ASL_LS_PORT" =~ ^[0-9]+$ ]] || ((ASL_LS_PORT < 1 || ASL_LS_PORT > 65535)); then
    echo "start.sh: ASL_LOCALSTACK_PORT must be a port number, got '$ASL_LS_PORT'" >&2
    exit 2
fi
if [[ ! -f "$mock_config" ]]; then
    echo "start.sh: mock config not found: $mock_config" >&2
    exit 2
fi
mock_config="$(cd -- "$(dirname -- "$mock_config")" && pwd)/$(basename -- "$mock_config")"

start_ms="$(asl_now_ms)"

print_log_tail() {
    echo "---- last 40 lines of $ASL_LS_LOG ----" >&2
    tail -n 40 "$ASL_LS_LOG" >&2 2>/dev/null || true
    echo "----" >&2
}

# server_env PID VAR: VAR from the environment the server was started with
# (empty when /proc is not readable).
server_env() {
    local line
    [[ -r "/proc/$1/environ" ]] || return 0
    while IFS= read -r -d '' line; do
        if [[ "$line" == "$2="* ]]; then
            echo "${line#*=}"
            return 0
        fi
    done <"/proc/$1/environ"
}

# Wait until healthy; $1 = PID that must stay alive meanwhile.
wait_healthy() {
    local pid="$1" deadline
    deadline=$(($(asl_now_ms) + timeout_s * 1000))
    while (($(asl_now_ms) < deadline)); do
        if ! asl_pid_alive "$pid"; then
            echo "start.sh: server (PID $pid) exited during start-up" >&2
            print_log_tail
            rm -f -- "$ASL_LS_PID_FILE"
            return 1
        fi
        if asl_health_ok; then
            return 0
        fi
        sleep 0.2
    done
    echo "start.sh: $ASL_LS_SERVICES not all healthy on $ASL_LS_ENDPOINT after ${timeout_s} s (PID $pid still running; stop it with stop.sh)" >&2
    print_log_tail
    return 1
}

# Reuse the server from our PID file.
if pid="$(asl_running_pid)"; then
    # Reuse only a server started with the same port and mock file.
    running_listen="$(server_env "$pid" GATEWAY_LISTEN)"
    running_mocks="$(server_env "$pid" SFN_MOCK_CONFIG)"
    running_services="$(server_env "$pid" SERVICES)"
    if [[ -n "$running_listen" && "$running_listen" != "127.0.0.1:$ASL_LS_PORT" ]] ||
        [[ -n "$running_mocks" && "$running_mocks" != "$mock_config" ]] ||
        [[ -n "$running_services" && "$running_services" != "$ASL_LS_SERVICES" ]]; then
        echo "start.sh: the server from this checkout (PID $pid) runs with" \
            "GATEWAY_LISTEN=$running_listen SFN_MOCK_CONFIG=$running_mocks SERVICES=$running_services;" \
            "wanted 127.0.0.1:$ASL_LS_PORT, $mock_config and $ASL_LS_SERVICES: run stop.sh first" >&2
        exit 1
    fi
    if asl_health_ok; then
        echo "LocalStack already running and healthy (PID $pid) on $ASL_LS_ENDPOINT: reusing it"
        exit 0
    fi
    echo "LocalStack (PID $pid) is running but not healthy yet; waiting"
    wait_healthy "$pid" || exit 1
    echo "LocalStack ready (PID $pid) on $ASL_LS_ENDPOINT after waiting $(asl_elapsed_s "$start_ms") s"
    exit 0
fi
rm -f -- "$ASL_LS_PID_FILE"

# Something else on the port would make start-up fail late and confusingly.
if ! python3 - "$ASL_LS_PORT" <<'PY'; then
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
    echo "start.sh: 127.0.0.1:$ASL_LS_PORT is already in use by a process this script did not start" \
        "(no live PID in $ASL_LS_PID_FILE); set ASL_LOCALSTACK_PORT or stop that process" >&2
    exit 1
fi

"$ASL_LS_SCRIPT_DIR/install.sh"

mkdir -p "$ASL_LS_DATA_DIR"
{
    echo "==== $(date -u +%Y-%m-%dT%H:%M:%SZ) start.sh: 127.0.0.1:$ASL_LS_PORT, SERVICES=$ASL_LS_SERVICES, SFN_MOCK_CONFIG=$mock_config"
} >>"$ASL_LS_LOG"

# The verified host-mode environment (see scripts/README.md):
#  - GATEWAY_SERVER=hypercorn: the default (twisted) ignores the host part of
#    GATEWAY_LISTEN and binds every interface.
#  - DNS_ADDRESS=0: no DNS server on port 53.
#  - DISABLE_EVENTS=1: no analytics; SKIP_SSL_CERT_DOWNLOAD=1: no cert download.
env \
    GATEWAY_LISTEN="127.0.0.1:$ASL_LS_PORT" \
    GATEWAY_SERVER=hypercorn \
    LOCALSTACK_HOST="127.0.0.1:$ASL_LS_PORT" \
    SERVICES="$ASL_LS_SERVICES" \
    EAGER_SERVICE_LOADING=1 \
    DNS_ADDRESS=0 \
    DISABLE_EVENTS=1 \
    SKIP_SSL_CERT_DOWNLOAD=1 \
    FILESYSTEM_ROOT="$ASL_LS_DATA_DIR" \
    SFN_MOCK_CONFIG="$mock_config" \
    PYTHONUNBUFFERED=1 \
    "$ASL_LS_VENV/bin/python" "$ASL_LS_SCRIPT_DIR/launcher.py" \
    </dev/null >>"$ASL_LS_LOG" 2>&1 &
pid=$!
echo "$pid" >"$ASL_LS_PID_FILE"

wait_healthy "$pid" || exit 1
echo "LocalStack started (PID $pid) on $ASL_LS_ENDPOINT in $(asl_elapsed_s "$start_ms") s; log: $ASL_LS_LOG"
