"""Harness for the end-to-end suite: starts the real moldau-broker binary as a process on a
free loopback port with its own data directory, and stops, kills or restarts it."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BROKER_BIN = Path(os.environ.get("MOLDAU_BROKER_BIN", REPO / "target" / "debug" / "moldau-broker"))


@pytest.fixture(scope="module")
def pb(tmp_path_factory):
    """The control plane's gRPC messages and stubs (moldau.v1), generated from proto/moldau.proto."""
    grpc = pytest.importorskip("grpc")
    out = tmp_path_factory.mktemp("proto")
    proto_dir = REPO / "proto"
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"-I{proto_dir}", f"--python_out={out}",
                    f"--grpc_python_out={out}", str(proto_dir / "moldau.proto")], check=True)
    sys.path.insert(0, str(out))
    import moldau_pb2
    import moldau_pb2_grpc
    return grpc, moldau_pb2, moldau_pb2_grpc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    """One moldau-broker process. `overrides` are --override KEY=VALUE pairs."""

    def __init__(self, data_dir: Path, overrides: dict | None = None, port: int | None = None,
                 wrapper: list[str] | None = None):
        self.data_dir = data_dir
        # A command the broker runs under, e.g. ["prlimit", "--as=4294967296"] (it execs the
        # broker, so the pid stays the broker's).
        self.wrapper = wrapper or []
        self.port = port or free_port()
        self.overrides = {
            "listeners": f"PLAINTEXT://127.0.0.1:{self.port}",
            "log.dirs": str(data_dir / "data"),
            # Tests start groups at once instead of waiting 3 s for more members.
            "group.initial.rebalance.delay.ms": "0",
        }
        self.overrides.update(overrides or {})
        self.proc: subprocess.Popen | None = None
        self.log_path = data_dir / "broker.log"
        self.starts = 0

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def args(self) -> list[str]:
        args = [*self.wrapper, str(BROKER_BIN)]
        for k, v in self.overrides.items():
            args += ["--override", f"{k}={v}"]
        return args

    def start(self, timeout: float = 20.0) -> "Broker":
        assert self.proc is None or self.proc.poll() is not None, "broker already running"
        self.starts += 1
        log = open(self.log_path, "a")
        log.write(f"\n===== start #{self.starts} =====\n")
        log.flush()
        self.proc = subprocess.Popen(self.args(), stdout=log, stderr=subprocess.STDOUT, cwd=self.data_dir,
                                     env={**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "info")})
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"broker exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"broker did not listen within {timeout}s:\n{self.log_tail()}")

    def stop(self, sig=signal.SIGTERM, timeout: float = 30.0) -> int:
        """Sends `sig` and waits for the process to exit; returns its exit code."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError(f"broker did not stop on {sig!r} within {timeout}s:\n{self.log_tail()}")

    def kill(self) -> int:
        return self.stop(signal.SIGKILL)

    def restart(self, sig=signal.SIGTERM) -> "Broker":
        self.stop(sig)
        return self.start()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def status_kib(self, field: str) -> int:
        """A memory figure of the running process from /proc (VmRSS, VmHWM, ...), in KiB."""
        assert self.proc is not None and self.proc.poll() is None, "broker is not running"
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise KeyError(field)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@pytest.fixture
def broker_factory(tmp_path):
    """Makes brokers (started) with extra overrides; all are stopped at the end."""
    made: list[Broker] = []

    def make(overrides: dict | None = None, start: bool = True, port: int | None = None,
             wrapper: list[str] | None = None) -> Broker:
        d = tmp_path / f"broker{len(made)}"
        d.mkdir()
        b = Broker(d, overrides, port=port, wrapper=wrapper)
        made.append(b)
        return b.start() if start else b

    yield make
    for b in made:
        try:
            b.stop()
        except Exception:
            if b.proc and b.proc.poll() is None:
                b.proc.kill()


@pytest.fixture
def broker(broker_factory) -> Broker:
    """A started single-node broker with default settings (plus test-friendly group delay)."""
    return broker_factory()


def unique(name: str) -> str:
    """A topic or group name unique to this run."""
    return f"{name}-{time.time_ns() % 10**12}"
