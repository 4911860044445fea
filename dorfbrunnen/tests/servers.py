"""Starting the production servers in tests as the deployment guide starts them: the
command lines of its systemd units, logs in files, everything stopped however a test ends."""

import contextlib
import http.client
import re
import shlex
import subprocess
import time
from pathlib import Path

from dorfbrunnen.testing import BASE_DIR

GUIDE = BASE_DIR / "docs" / "deployment.md"


def guide_command(program: str) -> list[str]:
    """The arguments of the guide's `ExecStart=` line for `program`."""
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        command = (
            shlex.split(line.removeprefix("ExecStart=")) if line.startswith("ExecStart=") else []
        )
        if command and Path(command[0]).name == program:
            return command
    raise AssertionError(f"docs/deployment.md has no ExecStart line for {program}")


def set_option(command: list[str], name: str, value: str) -> str:
    """Sets the value of `name` in `command`; returns the guide's."""
    assert name in command, f"the guide's {command[0]} line has no {name}"
    index = command.index(name) + 1
    command[index], old = value, command[index]
    return old


def env_example(name: str) -> str:
    text = (BASE_DIR / ".env.example").read_text(encoding="utf-8")
    return re.search(rf"^{name}=(.*)$", text, re.MULTILINE).group(1)


def request(port, method, path, *, source="127.0.0.1", headers=None, body=None):
    """(status, headers, text) of one request to 127.0.0.1:`port` from address `source`."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


class Processes:
    """Started servers, each logging to a file; all are stopped however the test ends."""

    def __init__(self, work: Path):
        self.work = work
        self.running = []

    def start(self, name, command, **kwargs) -> subprocess.Popen:
        log = open(self.work / f"{name}.log", "wb")  # noqa: SIM115 – closed in stop()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **kwargs)
        self.running.append((name, process, log))
        return process

    def log(self, name) -> str:
        return (self.work / f"{name}.log").read_text(errors="replace")[-3000:]

    def wait_until_answering(self, name, process, port, path="/healthz"):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped:\n{self.log(name)}")
            with contextlib.suppress(OSError):
                if request(port, "GET", path)[0] == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"{name} does not answer on port {port}:\n{self.log(name)}")

    def stop(self):
        for _, process, _ in self.running:
            process.terminate()
        for _, process, log in self.running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
        self.running.clear()
