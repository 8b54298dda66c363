"""A small Language Server Protocol client for the YAML language server (from npm), as an
editor such as VS Code with Red Hat's YAML extension runs it: JSON-RPC over stdio."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
from pathlib import Path
from typing import Any

from conftest import REPO, need_tool

VERSION = "1.25.0"
# scripts/setup installs it here; the fixture installs it when missing.
PREFIX = Path(os.environ.get("STYRDOK_LSP_PREFIX", REPO / ".cache" / "yaml-language-server"))
SERVER = PREFIX / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def ensure_server() -> Path:
    """The server's script, installed with npm into the cache folder when missing."""
    if not SERVER.is_file():
        import shutil

        npm = shutil.which("npm")
        need_tool("npm", npm is not None, "apt-get install npm")
        assert npm is not None
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(PREFIX),
                "--no-audit",
                "--no-fund",
                f"yaml-language-server@{VERSION}",
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
    need_tool("yaml-language-server", SERVER.is_file(), "scripts/setup (npm install)")
    return SERVER


class Client:
    def __init__(self, root: Path, schemas: dict[str, list[str]]) -> None:
        import shutil

        node = shutil.which("node")
        need_tool("node", node is not None, "apt-get install nodejs")
        assert node is not None
        self.root = root
        self.settings = {
            "yaml": {
                "schemas": schemas,
                "validate": True,
                "hover": True,
                "completion": True,
                "schemaStore": {"enable": False},
            }
        }
        self.proc = subprocess.Popen(
            [node, str(ensure_server()), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._id = 0
        self._replies: dict[int, queue.Queue[Any]] = {}
        self.diagnostics: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "completion": {"completionItem": {"documentationFormat": ["markdown"]}},
                    },
                },
                "workspaceFolders": [{"uri": root.as_uri(), "name": "korpus"}],
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            self._dispatch(message)

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "id" in message and "method" in message:  # a request from the server
            result: Any = None
            if message["method"] == "workspace/configuration":
                items = message["params"]["items"]
                result = [self.settings.get(i.get("section", ""), None) for i in items]
                result = [
                    self.settings["yaml"] if i.get("section") == "yaml" else r
                    for i, r in zip(items, result, strict=True)
                ]
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
        elif "id" in message:
            self._replies[message["id"]].put(message)
        elif message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics.put(message["params"])

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self._id += 1
        box: queue.Queue[Any] = queue.Queue()
        self._replies[self._id] = box
        self._send({"jsonrpc": "2.0", "id": self._id, "method": method, "params": params})
        reply = box.get(timeout=timeout)
        assert "error" not in reply, reply
        return reply.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        item = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": item})
        return uri

    def diagnostics_for(self, uri: str, timeout: float = 60) -> list[dict[str, Any]]:
        while True:
            params = self.diagnostics.get(timeout=timeout)
            if params["uri"] == uri:
                return list(params["diagnostics"])

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
