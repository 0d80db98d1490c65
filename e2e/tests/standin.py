"""Test harness for kube-standin: starts the stand-in binary on a free loopback port with its
own data directory and kubeconfig, runs the real kubectl against it, and stops it (killing
every pod process) at the end."""

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _bin(env: str, name: str) -> str:
    path = os.environ.get(env) or str(REPO / "target" / "debug" / name)
    if not os.path.exists(path):
        pytest.fail(f"{path} does not exist: build it (cargo build -p kube-standin -p moldau-broker) or set {env}")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail_of(path: Path, n: int) -> str:
    """The last `n` lines of a log file ("" when there is none)."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


class Standin:
    def __init__(self, tmp: Path, nodes: int = 1, extra: list[str] | None = None):
        self.tmp = tmp
        self.port = free_port()
        self.kubeconfig = tmp / "kubeconfig"
        self.data = tmp / "data"
        self.cache = tmp / "kube-cache"
        self.log_path = tmp / "standin.log"
        args = [_bin("MOLDAU_STANDIN_BIN", "kube-standin"), "serve", "--listen", f"127.0.0.1:{self.port}",
                "--kubeconfig", str(self.kubeconfig), "--data-dir", str(self.data),
                "--image", f"moldau-broker={_bin('MOLDAU_BROKER_BIN', 'moldau-broker')}",
                "--image", f"moldau-operator={_bin('MOLDAU_OPERATOR_BIN', 'moldau-operator')}",
                "--image", "shell=host", "--nodes", str(nodes), "--backoff-base-ms", "1000",
                "--bookmark-interval-secs", "1", *(extra or [])]
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.kubeconfig.exists():
                try:
                    urllib.request.urlopen(f"{self.url}/healthz", timeout=1).read()
                    return
                except OSError:
                    pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"kube-standin did not start:\n{self.log_tail()}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, n: int = 40) -> str:
        return tail_of(self.log_path, n)

    def kubectl(self, *args: str, input: str | None = None, check: bool = True,
                timeout: float = 60) -> subprocess.CompletedProcess:
        cmd = ["kubectl", "--kubeconfig", str(self.kubeconfig), "--cache-dir", str(self.cache), *args]
        p = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=timeout)
        if check and p.returncode != 0:
            raise AssertionError(f"kubectl {' '.join(args)} failed ({p.returncode}):\n{p.stderr}\n{p.stdout}")
        return p

    def get(self, *args: str) -> dict:
        return json.loads(self.kubectl("get", *args, "-o", "json").stdout)

    def apply(self, manifest: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self.kubectl("apply", "-f", "-", *args, input=manifest, check=check)

    def in_cluster(self, args: list[str], input: str | None = None, timeout: float = 60,
                   check: bool = True) -> subprocess.CompletedProcess:
        """Runs a command as a pod would see the network: with the stand-in's hosts file as
        /etc/hosts (cluster DNS names), in a private mount namespace (needs root)."""
        script = 'mount --bind "$0" /etc/hosts && exec "$@"'
        cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script,
               str(self.data / "hosts"), *args]
        p = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=timeout)
        if check and p.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed ({p.returncode}):\n{p.stderr}\n{p.stdout}")
        return p

    def in_cluster_popen(self, args: list[str], **kw) -> subprocess.Popen:
        """Like in_cluster, in the background."""
        script = 'mount --bind "$0" /etc/hosts && exec "$@"'
        cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script,
               str(self.data / "hosts"), *args]
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)

    def admin(self, method: str, path: str) -> dict:
        req = urllib.request.Request(f"{self.url}/standin/{path}", method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())

    def wait(self, what, timeout: float = 60, interval: float = 0.2, message: str = ""):
        """Polls `what()` until it returns something truthy; returns it."""
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                last = what()
                if last:
                    return last
            except (AssertionError, KeyError, IndexError, json.JSONDecodeError) as e:
                last = e
            time.sleep(interval)
        raise AssertionError(f"timed out after {timeout}s waiting for {message or what}: last {last!r}\n"
                             f"{self.log_tail()}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


@pytest.fixture
def standin(tmp_path):
    if shutil.which("kubectl") is None:
        pytest.fail("kubectl is not installed")
    s = Standin(tmp_path)
    yield s
    s.stop()
