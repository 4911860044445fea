"""The test helpers that start servers (dorfbrunnen/testing.py) must not race other
processes for a port."""

import socket
import subprocess
import sys
import urllib.request

import pytest

from dorfbrunnen import testing


def http_server(port: int) -> list[str]:
    # Prints "Serving HTTP on …" once bound; exits with an error if the port is taken.
    return [sys.executable, "-u", "-m", "http.server", "--bind", "127.0.0.1", str(port)]


def test_a_server_whose_port_was_taken_meanwhile_starts_on_another(monkeypatch, tmp_path):
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()  # another process got there between picking and binding
        taken = other.getsockname()[1]
        picks = iter([taken])
        pick = testing.free_port
        monkeypatch.setattr(testing, "free_port", lambda: next(picks, None) or pick())

        process, port = testing.serve(http_server, "Serving HTTP", log=tmp_path / "log")
        try:
            assert port != taken
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                assert response.status == 200
        finally:
            process.terminate()
            process.wait()
    assert "Address already in use" in (tmp_path / "log").read_text()


def test_a_closed_port_refuses_connections_and_cannot_be_taken():
    with testing.closed_port() as port:
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        other = subprocess.run(http_server(port), capture_output=True, text=True, timeout=30)
        assert "Address already in use" in other.stderr
