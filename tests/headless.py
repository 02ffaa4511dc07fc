"""A headless Chromium driven over the DevTools protocol through a pipe (no extra package).

`python tests/headless.py PAGE.html SHOT.png [--width W] [--height H] [--focus SELECTOR]`
saves a full-page screenshot (docs/report.png is made so).
Chromium reads protocol messages from its fd 3 and writes them to its fd 4, each a JSON
object ended by a NUL byte (`--remote-debugging-pipe`); no port is opened.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe")


def executable() -> str | None:
    """Debian's chromium, if installed."""
    return shutil.which("chromium")


class Browser:
    """One Chromium process and one page: `load(path)`, `evaluate(js)`, `screenshot()`;
    `problems` collects the page's console errors, uncaught exceptions and error log entries."""

    def __init__(self, program: str, width: int = 1280, height: int = 900, timeout: float = 60) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        to_browser, self._in = os.pipe()
        self._out, from_browser = os.pipe()

        def plumb() -> None:  # in the child: its fd 3 reads our messages, its fd 4 answers
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser)]
            for fd, wanted in zip(high, (3, 4)):
                os.dup2(fd, wanted)  # inheritable, unlike the pipe's own descriptors

        self.process = subprocess.Popen(
            [program, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=False, preexec_fn=plumb,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.problems: list[str] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def call(self, method: str, session: bool = False, **params: Any) -> dict:
        """Send one command and wait for its answer (events meanwhile are kept)."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._in, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def _receive(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._out], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._out, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self._event(message)
        return message

    def _event(self, message: dict) -> None:
        self.events.append(message)
        method, params = message["method"], message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
            self.problems.append("console: " + " ".join(str(a.get("value", a.get("description")))
                                                        for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.problems.append("exception: " + str(details.get("exception", {}).get("description")
                                                     or details.get("text")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            entry = params["entry"]
            self.problems.append(f"log ({entry.get('source')}): {entry.get('text')}")

    def load(self, path: Path) -> None:
        """Open a local file and wait for its load event."""
        seen = len(self.events)
        self.call("Page.navigate", session=True, url=Path(path).resolve().as_uri())
        while not any(e["method"] == "Page.loadEventFired" for e in self.events[seen:]):
            self._receive()

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-able values)."""
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluation failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, full_page: bool = True) -> bytes:
        """A PNG of the page (all of it, or the viewport)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            width, height = self.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": width,
                                                            "height": height, "scale": 1})
        return base64.b64decode(self.call("Page.captureScreenshot", session=True, **params)["data"])

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._in)
        os.close(self._out)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Save a full-page screenshot of a local page.")
    parser.add_argument("page", type=Path)
    parser.add_argument("shot", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900, help="the viewport's height")
    parser.add_argument("--focus", help="a CSS selector of the element to focus first")
    args = parser.parse_args(argv)
    program = executable()
    if program is None:
        print("chromium is not installed", file=sys.stderr)
        return 2
    with Browser(program, width=args.width, height=args.height) as browser:
        browser.load(args.page)
        if args.focus:
            browser.evaluate(f"document.querySelector({json.dumps(args.focus)}).focus()")
        args.shot.write_bytes(browser.screenshot())
        for problem in browser.problems:
            print(problem, file=sys.stderr)
        return 1 if browser.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
