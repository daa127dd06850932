#!/usr/bin/env bash
# End-to-end check of the local Step Functions server with mocked Bedrock.
#
# start.sh (which installs if needed) -> create/update PromptChain and
# CustomizeModel from fixtures/ -> run the mock test cases from
# mock-config.json (`<stateMachineArn>#<TestCase>`) -> assert statuses, outputs
# and errors -> validate a broken definition -> stop.sh (only if this script
# started the server; a server that was already running is left running).
# Uses the aws CLI (v1) from the venv; talks to 127.0.0.1 only.
# Exits non-zero on the first mismatch; ends with "smoke-test: N passed, 0 failed".
#
# Env: ASL_LOCALSTACK_PORT (default 4566), ASL_SMOKE_KEEP_SERVER=1 to leave
# the server running afterwards.
set -euo pipefail
shopt -s inherit_errexit # `set -e` also inside $(...)

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 # awscli v1 reads only the latter
export AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_SFN

ACCOUNT=000000000000
ROLE_ARN="arn:aws:iam::$ACCOUNT:role/StepFunctionsRole"
FIXTURES="$ASL_LS_SCRIPT_DIR/fixtures"
MOCKS="$ASL_LS_SCRIPT_DIR/mock-config.json"
RUN_ID="$(date +%s)-$$"
passed=0

sfn() {
    "$ASL_LS_VENV/bin/aws" --endpoint-url "$ASL_LS_ENDPOINT" --output json \
        --cli-read-timeout 30 --cli-connect-timeout 5 stepfunctions "$@"
}

ok() {
    passed=$((passed + 1))
    echo "ok $passed - $*"
}

fail() {
    echo "not ok - $*" >&2
    echo "smoke-test: $passed passed, 1 failed" >&2
    exit 1
}

# json_get JSON PY_EXPR: evaluate PY_EXPR with `d` bound to the parsed JSON.
json_get() {
    python3 -c 'import json, sys; d = json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"
}

# The mocked texts, read from mock-config.json so the two cannot drift apart.
mock_text() {
    python3 - "$MOCKS" "$1" <<'PY'
import json, sys
responses = json.load(open(sys.argv[1]))["MockedResponses"][sys.argv[2]]
last = responses[max(responses, key=lambda r: int(r.split("-")[0]))]
print(last["Return"]["Body"]["content"][0]["text"])
PY
}

# Create the state machine, or update it when a reused server already has it.
deploy() {
    local name="$1" definition="$2" arn
    arn="arn:aws:states:us-east-1:$ACCOUNT:stateMachine:$name"
    if sfn describe-state-machine --state-machine-arn "$arn" >/dev/null 2>&1; then
        sfn update-state-machine --state-machine-arn "$arn" \
            --definition "file://$definition" --role-arn "$ROLE_ARN" >/dev/null
        echo "updated $arn" >&2
    else
        arn="$(sfn create-state-machine --name "$name" --definition "file://$definition" \
            --role-arn "$ROLE_ARN" --query stateMachineArn --output text)"
        echo "created $arn" >&2
    fi
    echo "$arn"
}

# run_case STATE_MACHINE_ARN TEST_CASE INPUT -> prints the final describe-execution JSON.
run_case() {
    local sm_arn="$1" test_case="$2" input="$3" exec_arn desc status deadline
    exec_arn="$(sfn start-execution --state-machine-arn "$sm_arn#$test_case" \
        --name "smoke-$test_case-$RUN_ID" --input "$input" \
        --query executionArn --output text)"
    echo "started $exec_arn (from $sm_arn#$test_case)" >&2
    deadline=$(($(asl_now_ms) + 30000))
    while :; do
        desc="$(sfn describe-execution --execution-arn "$exec_arn")"
        status="$(json_get "$desc" 'd["status"]')"
        [[ "$status" == RUNNING ]] || break
        (($(asl_now_ms) < deadline)) || fail "$test_case: still RUNNING after 30 s"
        sleep 0.25
    done
    echo "$desc"
}

# ---------------------------------------------------------------- start
already_running=0
if asl_running_pid >/dev/null; then already_running=1; fi
"$ASL_LS_SCRIPT_DIR/start.sh"
if [[ "$already_running" == 0 && "${ASL_SMOKE_KEEP_SERVER:-0}" != 1 ]]; then
    trap '"$ASL_LS_SCRIPT_DIR/stop.sh"' EXIT
fi
smoke_start_ms="$(asl_now_ms)"

# ---------------------------------------------------------------- deploy
prompt_chain_arn="$(deploy PromptChain "$FIXTURES/prompt-chain.asl.json")"
customize_arn="$(deploy CustomizeModel "$FIXTURES/customize-model.asl.json")"
ok "deployed PromptChain and CustomizeModel"

input='{"topic": "Step Functions prompt chains"}'

# ---------------------------------------------------------------- HappyPath
desc="$(run_case "$prompt_chain_arn" HappyPath "$input")"
status="$(json_get "$desc" 'd["status"]')"
[[ "$status" == SUCCEEDED ]] || fail "PromptChain#HappyPath: status $status: $desc"
output="$(json_get "$desc" 'd["output"]')"
echo "  output: $output"
for response in OutlineReturns DraftReturns PolishReturns; do
    text="$(mock_text "$response")"
    [[ "$output" == *"$text"* ]] || fail "PromptChain#HappyPath: output lacks the $response text '$text'"
done
final="$(json_get "$output" 'd["final"]["text"]')"
[[ "$final" == "$(mock_text PolishReturns)" ]] || fail "PromptChain#HappyPath: \$.final.text is '$final'"
ok "PromptChain#HappyPath SUCCEEDED; output has the Outline, Draft and Polish texts"

# ---------------------------------------------------------------- ThrottleThenSucceed
desc="$(run_case "$prompt_chain_arn" ThrottleThenSucceed "$input")"
status="$(json_get "$desc" 'd["status"]')"
[[ "$status" == SUCCEEDED ]] || fail "PromptChain#ThrottleThenSucceed: status $status: $desc"
output="$(json_get "$desc" 'd["output"]')"
[[ "$output" == *"$(mock_text OutlineThrottledThenReturns)"* ]] ||
    fail "PromptChain#ThrottleThenSucceed: output lacks the retried Outline text: $output"
exec_arn="$(json_get "$desc" 'd["executionArn"]')"
history="$(sfn get-execution-history --execution-arn "$exec_arn")"
outline_failures="$(json_get "$history" \
    'sum(1 for e in d["events"] if e["type"] == "TaskFailed" and e["taskFailedEventDetails"]["error"] == "Bedrock.ThrottlingException")')"
scheduled="$(json_get "$history" 'sum(1 for e in d["events"] if e["type"] == "TaskScheduled")')"
[[ "$outline_failures" == 1 && "$scheduled" == 4 ]] ||
    fail "PromptChain#ThrottleThenSucceed: expected 1 throttled attempt and 4 scheduled tasks, got $outline_failures and $scheduled"
retry_gap="$(json_get "$history" \
    '"%.2f" % (lambda ts: ts[1] - ts[0])([e["timestamp"] for e in d["events"] if e["type"] == "TaskScheduled"])')"
echo "  Outline: 1 Bedrock.ThrottlingException, retried after ${retry_gap} s (IntervalSeconds 1)"
ok "PromptChain#ThrottleThenSucceed SUCCEEDED after one retried throttle"

# ---------------------------------------------------------------- CaughtFailure
desc="$(run_case "$prompt_chain_arn" CaughtFailure "$input")"
status="$(json_get "$desc" 'd["status"]')"
error="$(json_get "$desc" 'd.get("error")')"
cause="$(json_get "$desc" 'd.get("cause")')"
echo "  error: $error"
echo "  cause: $cause"
[[ "$status" == FAILED ]] || fail "PromptChain#CaughtFailure: status $status: $desc"
[[ "$error" == PromptChainFailed ]] || fail "PromptChain#CaughtFailure: error '$error', want the Fail state's PromptChainFailed"
[[ "$cause" == Bedrock.ValidationException:* ]] ||
    fail "PromptChain#CaughtFailure: cause should start with the mocked Bedrock.ValidationException, got '$cause'"
exec_arn="$(json_get "$desc" 'd["executionArn"]')"
history="$(sfn get-execution-history --execution-arn "$exec_arn")"
entered="$(json_get "$history" \
    '",".join(e["stateEnteredEventDetails"]["name"] for e in d["events"] if "stateEnteredEventDetails" in e)')"
[[ "$entered" == "Outline,HandleFailure,Failed" ]] ||
    fail "PromptChain#CaughtFailure: states entered: $entered"
ok "PromptChain#CaughtFailure FAILED via Outline -> HandleFailure -> Failed"

# ---------------------------------------------------------------- CustomizeModel .sync
desc="$(run_case "$customize_arn" HappyPath '{"jobName": "asl-kit-smoke-job"}')"
status="$(json_get "$desc" 'd["status"]')"
[[ "$status" == SUCCEEDED ]] || fail "CustomizeModel#HappyPath: status $status: $desc"
output="$(json_get "$desc" 'd["output"]')"
job_status="$(json_get "$output" 'd["Status"]')"
model_arn="$(json_get "$output" 'd["OutputModelArn"]')"
echo "  Status: $job_status, OutputModelArn: $model_arn"
[[ "$job_status" == Completed && "$model_arn" == arn:aws:bedrock:*:custom-model/* ]] ||
    fail "CustomizeModel#HappyPath: unexpected output $output"
ok "CustomizeModel#HappyPath (createModelCustomizationJob.sync) SUCCEEDED with the mocked job"

# ---------------------------------------------------------------- validation
broken='{"StartAt": "Outline", "States": {"Outline": {"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel", "Bogus": 1, "End": true}}}'
validation="$(sfn validate-state-machine-definition --definition "$broken")"
result="$(json_get "$validation" 'd["result"]')"
echo "  validate-state-machine-definition on a Task with an unknown field: $result"
json_get "$validation" \
    '"\n".join("    %s %s: %s" % (x["severity"], x["code"], x["message"][:200] + ("..." if len(x["message"]) > 200 else "")) for x in d["diagnostics"])'
ndiag="$(json_get "$validation" 'len(d["diagnostics"])')"
[[ "$result" == FAIL && "$ndiag" -ge 1 ]] || fail "validate-state-machine-definition: $validation"
good="$(sfn validate-state-machine-definition --definition "file://$FIXTURES/prompt-chain.asl.json" \
    --query result --output text)"
[[ "$good" == OK ]] || fail "validate-state-machine-definition rejects fixtures/prompt-chain.asl.json: $good"
ok "validate-state-machine-definition: FAIL with diagnostics for the broken definition, OK for the fixture"

echo "executions and checks took $(asl_elapsed_s "$smoke_start_ms") s"
echo "smoke-test: $passed passed, 0 failed"
