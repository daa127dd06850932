"""Host-mode entry point for LocalStack 4.9.2: two Step Functions fixes for Bedrock, one shutdown fix.

Run with the venv's interpreter (start.sh does): `.localstack/venv/bin/python launcher.py`.
It is what the LocalStack container runs (`localstack.runtime.main.main`), preceded by two
in-process patches of the class that LocalStack uses for the optimized integrations it has no
dedicated code for ("unsupported" services: athena, bedrock, codebuild, eks, emr, sagemaker, ...):

  localstack/services/stepfunctions/asl/component/state/state_execution/state_task/service/
    state_task_service_unsupported.py :: StateTaskServiceUnsupported

1. `_get_boto_service_name` (inherited from StateTaskService) returns the resource's api name,
   "bedrock", even for `arn:aws:states:::bedrock:invokeModel`. InvokeModel lives in botocore's
   `bedrock-runtime` model, so request normalisation fails (also with a mocked response) with
   "No api action named 'invoke_model' available for service 'bedrock'". The patch returns
   "bedrock-runtime" for bedrock actions that exist only in the bedrock-runtime model.
2. `_supported_integration_patterns` (an instance attribute set by StateTaskServiceCallback's
   __init__ from a module-level set holding only waitForTaskToken) rejects `.sync`
   ("Unsupported sync callback procedure"), so `bedrock:createModelCustomizationJob.sync`
   cannot run. The patch gives bedrock tasks (only them) a copy of the set with
   ResourceCondition.Sync added, once the task's resource is known (in
   `_validate_service_integration_is_supported`, which from_state_props calls after parsing).
   With a mock test case the mocked return is the task's final output (LocalStack skips the
   sync polling in mocked mode); without one, the real call is attempted and fails.

3. (Not Bedrock) `HypercornRuntimeServer.shutdown` could leave the process idle after SIGTERM
   (1 stop in 3 in a loop of smoke tests): see apply_shutdown_fix.

`kill -USR2 <pid>` dumps every thread's stack into the server log (faulthandler).

Every target is checked before patching: if LocalStack changes, the launcher exits with an
error instead of starting a server that silently misbehaves.
"""

from __future__ import annotations

import faulthandler
import signal
import sys

EXPECTED_LOCALSTACK_VERSION = "4.9.2"

_UNSUPPORTED_MODULE = (
    "localstack.services.stepfunctions.asl.component.state.state_execution."
    "state_task.service.state_task_service_unsupported"
)
_RESOURCE_MODULE = (
    "localstack.services.stepfunctions.asl.component.state.state_execution."
    "state_task.service.resource"
)


def _fail(message: str) -> None:
    sys.stderr.write(f"asl-kit launcher: {message}\n")
    raise SystemExit(3)


def _bedrock_runtime_only_actions() -> frozenset[str]:
    """snake_case names of the operations in bedrock-runtime's model but not in bedrock's."""
    import botocore.session

    from localstack.utils.strings import camel_to_snake_case

    loader = botocore.session.get_session().get_component("data_loader")

    def ops(service: str) -> set[str]:
        model = loader.load_service_model(service, "service-2")
        return {camel_to_snake_case(name) for name in model["operations"]}

    return frozenset(ops("bedrock-runtime") - ops("bedrock"))


def apply_bedrock_patches() -> None:
    import importlib

    try:
        from localstack import version as ls_version
    except ImportError:  # pragma: no cover - layout guard
        _fail("cannot import localstack.version: is this the venv from install.sh?")
    if ls_version.version != EXPECTED_LOCALSTACK_VERSION:
        _fail(
            f"localstack-core {ls_version.version} is installed, the patches target "
            f"{EXPECTED_LOCALSTACK_VERSION}: run scripts/localstack/install.sh"
        )

    unsupported = importlib.import_module(_UNSUPPORTED_MODULE)
    resource = importlib.import_module(_RESOURCE_MODULE)
    cls = getattr(unsupported, "StateTaskServiceUnsupported", None)
    condition = getattr(resource, "ResourceCondition", None)
    base_patterns = getattr(unsupported, "_SUPPORTED_INTEGRATION_PATTERNS", None)
    if cls is None or condition is None or not hasattr(condition, "Sync"):
        _fail("StateTaskServiceUnsupported / ResourceCondition.Sync not found")
    for name in ("_get_boto_service_name", "_validate_service_integration_is_supported"):
        if not callable(getattr(cls, name, None)):
            _fail(f"StateTaskServiceUnsupported.{name} not found")
    if not isinstance(base_patterns, set):
        _fail("state_task_service_unsupported._SUPPORTED_INTEGRATION_PATTERNS not found")
    if getattr(cls, "_asl_kit_patched", False):
        return

    runtime_actions = _bedrock_runtime_only_actions()
    if "invoke_model" not in runtime_actions:
        _fail("botocore's bedrock-runtime model has no InvokeModel")

    original_service_name = cls._get_boto_service_name
    original_validate = cls._validate_service_integration_is_supported

    # Patch 1: bedrock runtime actions (invokeModel) resolve to the bedrock-runtime model.
    def _get_boto_service_name(self, boto_service_name: str | None = None) -> str:
        name = original_service_name(self, boto_service_name=boto_service_name)
        if (
            name == "bedrock"
            and boto_service_name is None
            and self._get_boto_service_action() in runtime_actions
        ):
            return "bedrock-runtime"
        return name

    # Patch 2: `.sync` is a supported integration pattern for bedrock tasks.
    def _validate_service_integration_is_supported(self) -> None:
        original_validate(self)
        if getattr(self.resource, "api_name", None) == "bedrock":
            self._supported_integration_patterns = set(self._supported_integration_patterns) | {
                condition.Sync
            }

    cls._get_boto_service_name = _get_boto_service_name
    cls._validate_service_integration_is_supported = _validate_service_integration_is_supported
    cls._asl_kit_patched = True


def apply_shutdown_fix() -> None:
    """Make SIGTERM stop the server reliably (about 1 stop in 3 hung without this).

    localstack/runtime/server/hypercorn.py :: HypercornRuntimeServer.shutdown runs in a
    "Runtime-Shutdown" thread and ends with `self.loop.stop()`, which is not thread-safe: it only
    sets a flag. When the event loop has already handled the earlier thread-safe wake-ups and is
    back in select() with nothing scheduled, nothing wakes it to see the flag, and the process
    idles forever (faulthandler showed the main thread in selectors.select under run_forever).
    The fix runs the original shutdown, then wakes the loop with a thread-safe no-op callback.
    """
    import importlib

    module = importlib.import_module("localstack.runtime.server.hypercorn")
    cls = getattr(module, "HypercornRuntimeServer", None)
    if cls is None or not callable(getattr(cls, "shutdown", None)):
        _fail("localstack.runtime.server.hypercorn.HypercornRuntimeServer.shutdown not found")
    if getattr(cls, "_asl_kit_patched", False):
        return
    original_shutdown = cls.shutdown

    def shutdown(self) -> None:
        original_shutdown(self)
        try:
            self.loop.call_soon_threadsafe(lambda: None)
        except RuntimeError:  # the loop is already closed: nothing left to wake
            pass

    cls.shutdown = shutdown
    cls._asl_kit_patched = True


def main() -> None:
    # `kill -USR2 <pid>` writes every thread's stack to the log (stop.sh does it
    # before it resorts to SIGKILL, to show where a shutdown hung).
    faulthandler.register(signal.SIGUSR2, all_threads=True)
    apply_bedrock_patches()
    apply_shutdown_fix()
    from localstack.runtime.main import main as localstack_main

    localstack_main()


if __name__ == "__main__":
    main()
