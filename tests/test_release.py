"""The release: the sdist and the wheel carry what the runtime reads, and the wheel works on its own.

Builds both artifacts, checks their contents against the checkout, then installs the wheel (not
editable) into a fresh virtual environment and uses it from a directory outside the repository,
where the checkout is not importable: ``ohmock serve`` lists the bundled scenarios and runs the
README's SDK snippet to ``finished``, the README's plugin example passes under pytest,
``ohmock check --allow-writes`` against a served mock exits 0, and ``ohmock scripted-llm`` starts
with no arguments. The fresh environment installs from the package index, so the wheel's declared
dependencies are tested too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from contract.harness.serving import free_port

CHECKOUT = Path(__file__).resolve().parent.parent
README = (CHECKOUT / "README.md").read_text(encoding="utf-8")
SDK_PINS = ("openhands-sdk==1.58.0", "openhands-tools==1.58.0")
INSTALL_TIMEOUT_S = 900
SERVER_READY_S = 30.0
RUN_TIMEOUT_S = 180

pytestmark = pytest.mark.timeout(INSTALL_TIMEOUT_S + 600)


@dataclass(frozen=True)
class Artifacts:
    sdist: Path
    wheel: Path


@dataclass(frozen=True)
class FreshEnv:
    """A virtual environment holding the installed wheel, used from ``workdir`` (outside the repo)."""

    root: Path
    workdir: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def env(self) -> dict[str, str]:
        # Nothing from the test run leaks in: no PYTHONPATH, no virtualenv of ours, a throwaway HOME.
        return {
            "PATH": f"{self.bin}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.workdir / "home"),
            "LANG": "C.UTF-8",
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
            "OPENHANDS_SUPPRESS_BANNER": "1",
        }

    def run(self, *args: str | Path, timeout: float = RUN_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def start(self, *args: str, log: str) -> subprocess.Popen[bytes]:
        out = (self.workdir / log).open("wb")
        return subprocess.Popen(
            [str(self.bin / args[0]), *args[1:]], cwd=self.workdir, env=self.env, stdout=out, stderr=subprocess.STDOUT
        )


def _code_block(after: str, contains: str) -> str:
    """The first ```python block of the README after the heading or sentence ``after`` that contains ``contains``."""
    start = README.index(after)
    for match in re.finditer(r"```python\n(.*?)```", README[start:], flags=re.S):
        if contains in match.group(1):
            return match.group(1)
    raise AssertionError(f"README: no python block containing {contains!r} after {after!r}")


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_READY_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{url} exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise AssertionError(
        f"{url} did not become ready within {SERVER_READY_S} s:\n{log.read_text(errors='replace')[-3000:]}"
    )


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Artifacts:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(CHECKOUT)],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT_S,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    [sdist] = out.glob("*.tar.gz")
    [wheel] = out.glob("*.whl")
    return Artifacts(sdist, wheel)


def _package_sources() -> set[str]:
    """Every Python module of the two packages in the checkout, as archive paths."""
    return {
        p.relative_to(CHECKOUT).as_posix()
        for package in ("contract", "mockserver")
        for p in (CHECKOUT / package).rglob("*.py")
    }


def _runtime_data() -> set[str]:
    """The data files the runtime reads (scenarios, specs, overlay, AsyncAPI, captured prompt)."""
    files = {
        p.relative_to(CHECKOUT).as_posix() for p in (CHECKOUT / "contract" / "harness" / "scenarios").glob("*.yaml")
    }
    files |= {
        "contract/spec/openapi.json",
        "contract/spec/overlay.yaml",
        "contract/spec/asyncapi.yaml",
        "contract/generated/openapi.effective.json",
        "mockserver/data/system_prompt.json",
        "contract/py.typed",
        "mockserver/py.typed",
    }
    return files


def test_the_wheel_carries_every_module_and_data_file(artifacts: Artifacts) -> None:
    with zipfile.ZipFile(artifacts.wheel) as wheel:
        names = set(wheel.namelist())
        missing = (_package_sources() | _runtime_data()) - names
        assert not missing, sorted(missing)
        # Only the two packages and the metadata: no tests, fixtures or benchmarks.
        assert {n.split("/", 1)[0] for n in names} == {"contract", "mockserver", "ohmock-0.1.0.dist-info"}
        # The shipped pinned spec is the checkout's openapi.json, byte for byte.
        assert wheel.read("contract/spec/openapi.json") == (CHECKOUT / "openapi.json").read_bytes()
        meta = "ohmock-0.1.0.dist-info"
        assert f"{meta}/licenses/LICENSE" in names
        entry_points = wheel.read(f"{meta}/entry_points.txt").decode()
        assert re.search(r"^ohmock = mockserver\.cli:main$", entry_points, flags=re.M)
        assert re.search(r"^\[pytest11\]\nohmock = mockserver\.pytest_plugin$", entry_points, flags=re.M)
        metadata = wheel.read(f"{meta}/METADATA").decode()
        assert "License-Expression: MIT" in metadata and "Requires-Python: >=3.12" in metadata


def test_the_sdist_is_a_complete_source_release(artifacts: Artifacts) -> None:
    with tarfile.open(artifacts.sdist) as sdist:
        root = "ohmock-0.1.0/"
        members = {m.name.removeprefix(root): m for m in sdist.getmembers()}
        expected = _package_sources() | _runtime_data() | {"openapi.json", "LICENSE", "README.md", "pyproject.toml"}
        expected |= {p.relative_to(CHECKOUT).as_posix() for p in (CHECKOUT / "tests").glob("*.py")}
        expected |= {p.relative_to(CHECKOUT).as_posix() for p in (CHECKOUT / "fixtures").rglob("*") if p.is_file()}
        missing = expected - set(members)
        assert not missing, sorted(missing)
        # A regular file, not a link that would dangle once the archive is unpacked elsewhere.
        shipped = members["contract/spec/openapi.json"]
        assert shipped.isfile()
        extracted = sdist.extractfile(shipped)
        assert extracted is not None and extracted.read() == (CHECKOUT / "openapi.json").read_bytes()


@pytest.fixture(scope="module")
def fresh(artifacts: Artifacts, tmp_path_factory: pytest.TempPathFactory) -> FreshEnv:
    root = tmp_path_factory.mktemp("venv")
    workdir = tmp_path_factory.mktemp("outside")
    (workdir / "home").mkdir()
    env = FreshEnv(root, workdir)
    created = subprocess.run(
        [sys.executable, "-m", "venv", str(root)], capture_output=True, text=True, timeout=120, check=False
    )
    assert created.returncode == 0, created.stderr
    # The [check] extra for `ohmock check`; pytest and the SDK for the README's examples.
    install = env.run(
        env.bin / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        f"{artifacts.wheel}[check]",
        "pytest",
        *SDK_PINS,
        timeout=INSTALL_TIMEOUT_S,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    return env


def test_the_installed_packages_come_from_the_wheel(fresh: FreshEnv) -> None:
    probe = fresh.run(
        fresh.bin / "python",
        "-c",
        "import json, contract, mockserver; print(json.dumps([contract.__file__, mockserver.__file__, contract.__version__]))",
    )
    assert probe.returncode == 0, probe.stderr
    contract_file, mockserver_file, version = json.loads(probe.stdout)
    site_packages = str(fresh.root)
    assert contract_file.startswith(site_packages) and mockserver_file.startswith(site_packages), (
        contract_file,
        mockserver_file,
    )
    assert version == "0.1.0"
    assert not str(fresh.workdir).startswith(str(CHECKOUT))


@pytest.fixture(scope="module")
def served(fresh: FreshEnv) -> Iterator[str]:
    """``ohmock serve`` as the README starts it (default scenario, default speed), on a free port."""
    port = free_port()
    process = fresh.start("ohmock", "serve", "--port", str(port), log="serve.log")
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, fresh.workdir / "serve.log")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_lists_the_bundled_scenarios(served: str) -> None:
    listed = httpx.get(f"{served}/_mock/scenarios", timeout=10).json()
    bundled = {p.stem for p in (CHECKOUT / "contract" / "harness" / "scenarios").glob("*.yaml")}
    assert set(listed["scenarios"]) == bundled and listed["default"] == "bash_then_finish"


def test_the_readme_sdk_snippet_runs_to_finished(fresh: FreshEnv, served: str) -> None:
    snippet = _code_block("Point the OpenHands SDK at the mock", "Conversation(").replace(
        "http://127.0.0.1:8000", served
    )
    script = fresh.workdir / "snippet.py"
    script.write_text(snippet, encoding="utf-8")
    result = fresh.run(fresh.bin / "python", script)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "finished"


def test_the_readme_plugin_example_passes(fresh: FreshEnv) -> None:
    example = _code_block("## pytest plugin", "def test_")
    tests = fresh.workdir / "downstream"
    tests.mkdir()
    (tests / "test_example.py").write_text(example, encoding="utf-8")
    result = fresh.run(fresh.bin / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"\b1 passed\b", result.stdout), result.stdout


def test_check_with_writes_passes_against_a_served_mock(fresh: FreshEnv) -> None:
    port, key = free_port(), "release-key"
    process = fresh.start(
        "ohmock", "serve", "--port", str(port), "--speed", "0", "--api-key", key, log="check-serve.log"
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, fresh.workdir / "check-serve.log")
        result = fresh.run(
            fresh.bin / "ohmock",
            "check",
            url,
            "--api-key",
            key,
            "--allow-writes",
            "--budget",
            "40",
            "--json",
            "check.json",
        )
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    report = json.loads((fresh.workdir / "check.json").read_text())
    assert report["ok"] and report["summary"]["violations"] == 0 and report["summary"]["errors"] == 0
    assert report["target"] == "mock"  # the checker's probe recognised the control API
    checks = {check["id"]: check for check in report["checks"]}
    # Reads the pinned upstream spec from the package (a source-tree path would skip it).
    assert checks["rest.overlay_corrections"]["executions"] > 0


def test_scripted_llm_starts_with_no_arguments(fresh: FreshEnv) -> None:
    """``ohmock scripted-llm`` as the README shows it: the default port 18050."""
    default = "http://127.0.0.1:18050"
    try:
        httpx.get(default, timeout=0.5)
        port_taken = True
    except httpx.HTTPError:
        port_taken = False
    process = fresh.start("ohmock", "scripted-llm", log="scripted-llm.log")
    log = fresh.workdir / "scripted-llm.log"
    try:
        if port_taken:
            # Something else owns the port: a clear error, no traceback.
            assert process.wait(timeout=30) != 0
            assert "Traceback" not in log.read_text()
            return
        deadline = time.monotonic() + SERVER_READY_S
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                answer = httpx.post(
                    f"{default}/v1/chat/completions",
                    json={"model": "openai/plain_reply", "messages": [{"role": "user", "content": "hi"}]},
                    timeout=2,
                )
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.05)
        assert answer.status_code == 200, answer.text
        assert answer.json()["choices"][0]["message"]["content"]
    finally:
        process.terminate()
        process.wait(timeout=20)
