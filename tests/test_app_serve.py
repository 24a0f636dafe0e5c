"""`python app.py` (the page) as a person starts it: what start-up says, one page per data folder, a port in use,
a read-only folder, the network only with accounts. Real processes on real ports."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, free_port
from tests.test_app_cli import make_readonly, readonly, snapshot_files

pytestmark = pytest.mark.slow


class Page:
    """A page process whose output is collected as it comes."""

    def __init__(self, data: Path, port: int, *args: str, env: dict | None = None, wrap=lambda cmd: cmd):
        cmd = wrap([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "--port", str(port), *args])
        self.port, self.lines = port, []
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "RAG_EMBEDDER": "hash", **(env or {})},
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=lambda: self.lines.extend(self.proc.stdout), daemon=True).start()

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.output and self.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert text in self.output, self.output
        return next(line for line in self.output.splitlines() if text in line)

    def wait_serving(self, host: str = "127.0.0.1", timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                urllib.request.urlopen(f"http://{host}:{self.port}/login", timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"the page did not answer on port {self.port}:\n{self.output}")

    def ended(self, timeout: float = 120) -> int:
        self.proc.wait(timeout)
        deadline = time.monotonic() + 5
        while not self.output.endswith("\n") and time.monotonic() < deadline:  # the reader thread catches up
            time.sleep(0.02)
        return self.proc.returncode

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture()
def data(tmp_path, fast_container) -> Path:
    """A copy of the fast layer's index (bundled corpus, hash embedder) that a page may write to."""
    dst = tmp_path / "data"
    shutil.copytree(fast_container.settings.data_dir, dst)
    return dst


def test_start_up_names_the_folder_and_a_second_page_on_it_is_refused(data, tmp_path):
    first = Page(data, free_port())
    try:
        line = first.wait_for("Serving ")
        assert f"Serving 5 documents" in line and f"from the data folder {data.resolve()} (writable, holds an index)" in line
        assert f"http://127.0.0.1:{first.port}" in line and "no accounts: this computer only" in line
        first.wait_serving()
        second = Page(data, free_port())
        assert second.ended() == 1
        assert f"already uses the data folder {data.resolve()}" in second.output and f"pid {first.proc.pid}" in second.output
        assert "Traceback" not in second.output and "Chroma server" in second.output
        restore = subprocess.run([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "restore", str(tmp_path)],
                                 capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert restore.returncode == 1 and "already uses the data folder" in restore.stderr  # not under a running page
        # the same port, another folder: --port is named, not Gradio's GRADIO_SERVER_PORT
        other = tmp_path / "other"
        shutil.copytree(data, other, ignore=shutil.ignore_patterns(".page.lock"))
        clash = Page(other, first.port)
        assert clash.ended() == 1
        assert "--port" in clash.output and "GRADIO_SERVER_PORT" not in clash.output and "Traceback" not in clash.output
        assert first.proc.poll() is None  # the first page kept serving
    finally:
        first.stop()
    again = Page(data, free_port())  # the lock went with the process
    try:
        again.wait_for("Serving ")
    finally:
        again.stop()


def test_a_port_held_by_another_program(data):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        page = Page(data, port)
        assert page.ended() == 1
    assert f"port {port}" in page.output and "--port" in page.output and "Traceback" not in page.output


def test_a_read_only_folder_serves_questions(data):
    make_readonly(data)
    before = snapshot_files(data)
    page = Page(data, free_port(), env={"RAG_API_KEY": "test-key"}, wrap=readonly)
    try:
        line = page.wait_for("Serving ")
        assert "(read-only, holds an index); read-only, served from a private copy" in line
        page.wait_serving()
        r = httpx.post(f"http://127.0.0.1:{page.port}/api/ask", json={"question": "Kon Tum tiếp giáp với những nước nào?"},
                       headers={"Authorization": "Bearer test-key"}, timeout=60)
        assert r.status_code == 200 and "Lào" in r.json()["answer"]
    finally:
        page.stop()
    assert snapshot_files(data) == before


def test_the_network_with_accounts_asks_for_a_login(data):
    subprocess.run([sys.executable, str(ROOT / "app.py"), "--data-dir", str(data), "users", "add", "lan", "--role", "reader"],
                   input="long enough\n", text=True, check=True, cwd=ROOT, capture_output=True)
    page = Page(data, free_port(), "--host", "0.0.0.0")
    try:
        assert "1 account(s), login required" in page.wait_for("Serving ")
        page.wait_serving()
        r = httpx.get(f"http://127.0.0.1:{page.port}/", headers={"accept": "text/html"})
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        assert httpx.get(f"http://127.0.0.1:{page.port}/config").status_code == 401
    finally:
        page.stop()


def test_start_script_says_what_it_does():
    out = subprocess.run(["bash", str(ROOT / "scripts" / "start.sh"), "--help"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    steps = [line for line in out.stderr.splitlines() if line.startswith("[start.sh]")]
    assert len(steps) == 4 and "Installing the Debian packages" in steps[0] and "Installing the Python packages" in steps[1]
    assert "packages ready" in steps[2] and "Starting the page: python app.py --help" in steps[3] and "usage: app.py" in out.stdout
