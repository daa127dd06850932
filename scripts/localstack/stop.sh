#!/usr/bin/env bash
# Stop the LocalStack server recorded in .localstack/server.pid.
#
# SIGTERM, wait up to ASL_LOCALSTACK_STOP_TIMEOUT seconds (default 10), then
# SIGKILL. Only ever signals the PID from the PID file, and only if that
# process is our launcher.py (a recycled PID is left alone); never by name.
# Removes the PID file. Exits 0 when nothing was running.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

stop_timeout_s="${ASL_LOCALSTACK_STOP_TIMEOUT:-10}"

if [[ ! -f "$ASL_LS_PID_FILE" ]]; then
    echo "LocalStack not running (no $ASL_LS_PID_FILE)"
    exit 0
fi
if ! pid="$(asl_running_pid)"; then
    echo "LocalStack not running (stale PID file $ASL_LS_PID_FILE removed)"
    rm -f -- "$ASL_LS_PID_FILE"
    exit 0
fi

start_ms="$(asl_now_ms)"
kill -TERM "$pid" 2>/dev/null || true
deadline=$(($(asl_now_ms) + stop_timeout_s * 1000))
while asl_pid_alive "$pid" && (($(asl_now_ms) < deadline)); do
    sleep 0.1
done
if asl_pid_alive "$pid"; then
    echo "LocalStack (PID $pid) still running ${stop_timeout_s} s after SIGTERM: sending SIGKILL" \
        "(thread stacks dumped to $ASL_LS_LOG)" >&2
    kill -USR2 "$pid" 2>/dev/null || true # launcher.py: faulthandler dumps all threads
    sleep 0.5
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        asl_pid_alive "$pid" || break
        sleep 0.1
    done
fi
if asl_pid_alive "$pid"; then
    echo "stop.sh: PID $pid survived SIGKILL" >&2
    exit 1
fi
rm -f -- "$ASL_LS_PID_FILE"
echo "LocalStack stopped (PID $pid) in $(asl_elapsed_s "$start_ms") s"
