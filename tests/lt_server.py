"""A local stand-in for a LanguageTool server: /v2/languages and /v2/check, LanguageTool's JSON.

It runs a handful of regex rules shaped like real LanguageTool rules (ids,
categories, issue types, messages) and reports offsets the way LanguageTool
does: in UTF-16 code units, so an emoji counts twice.  It honours `language`,
`enabledRules`, `disabledRules`, `enabledCategories`, `disabledCategories` and
`enabledOnly`, answers 400 for an unknown language and 413 past `max_length`,
and can be told to fail (`status`) or to be slow (`delay`).  Every /v2/check
request is recorded in `checks`.  `build_local_install` compiles a Java
stand-in that language-tool-python's local mode can start.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]


@dataclass(frozen=True)
class FakeRule:
    id: str
    description: str
    issue_type: str
    category: str
    category_name: str
    pattern: str
    message: str
    short: str
    replace: object  # callable(match) -> list of replacements
    group: int = 1  # the regex group LanguageTool would underline (0: the whole match)


def _same(group: int):
    return lambda m: [m.group(group)]


RULES = (
    FakeRule("EN_A_VS_AN", "Use of 'a' vs. 'an'", "misspelling", "MISC", "Miscellaneous",
             r"\b([Aa]) (?=[aeiouAEIOU]\w)", "Use “an” instead of ‘a’ if the following word starts with a vowel sound.",
             "Wrong article", lambda m: ["an" if m.group(1) == "a" else "An"]),
    FakeRule("ENGLISH_WORD_REPEAT_RULE", "Word repetition", "duplication", "MISC", "Miscellaneous",
             r"\b(\w+) \1\b", "Possible typo: you repeated a word.", "Word repetition", _same(1), 0),
    FakeRule("HE_VERB_AGR", "Agreement error: third person singular", "grammar", "GRAMMAR", "Grammar",
             r"\b(?:he|she|it) (have)\b", "The pronoun and the verb do not agree.", "Grammatical problem",
             lambda m: ["has"]),
    FakeRule("WHITESPACE_RULE", "Whitespace repetition (bad formatting)", "whitespace", "TYPOGRAPHY",
             "Typography", r"(?<=\S)(  +)(?=\S)", "Possible typo: you repeated a whitespace.",
             "", lambda m: [" "]),
    FakeRule("UPPERCASE_SENTENCE_START", "Checks that a sentence starts with an uppercase letter",
             "typographical", "CASING", "Capitalization", r"(?m)^([a-z]\w*)",
             "This sentence does not start with an uppercase letter.", "", lambda m: [m.group(1).capitalize()]),
    FakeRule("MORFOLOGIK_RULE_EN_US", "Possible spelling mistake", "misspelling", "TYPOS", "Possible Typo",
             r"\b(recieve|goverment|teh)\b", "Possible spelling mistake found.", "Spelling mistake",
             lambda m: [{"recieve": "receive", "goverment": "government", "teh": "the"}[m.group(1)],
                        "Tee", "ten", "tech", "tea"]),
    FakeRule("EN_QUOTES", "Smart quotes (“”)", "typographical", "TYPOGRAPHY", "Typography",
             r"\"(\w[^\"]*)\"", "Use a smart opening quote here.", "", lambda m: [f"“{m.group(1)}”"], 0),
)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def find_matches(text: str, params: dict[str, str]) -> list[dict]:
    """LanguageTool-shaped matches of the fake rules, offsets in UTF-16 units."""
    split = lambda key: {v for v in params.get(key, "").split(",") if v}  # noqa: E731
    enabled, disabled = split("enabledRules"), split("disabledRules")
    enabled_cats, disabled_cats = split("enabledCategories"), split("disabledCategories")
    only = params.get("enabledOnly") == "true"
    found = []
    for rule in RULES:
        if only and rule.id not in enabled and rule.category not in enabled_cats:
            continue
        if rule.id in disabled or (rule.category in disabled_cats and rule.id not in enabled):
            continue
        if rule.id == "EN_QUOTES" and rule.id not in enabled:  # off by default, as in LanguageTool
            continue
        for m in re.finditer(rule.pattern, text):
            start, end = m.span(rule.group)
            found.append(_match_json(text, rule, start, end, rule.replace(m)))
    return sorted(found, key=lambda j: j["offset"])


def _match_json(text: str, rule: FakeRule, start: int, end: int, replacements: list[str]) -> dict:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    sentence = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    ctx_start = max(0, start - 40)
    context = text[ctx_start:min(len(text), end + 40)].replace("\n", " ").replace("\r", " ")
    return {
        "message": rule.message,
        "shortMessage": rule.short,
        "replacements": [{"value": r} for r in replacements],
        "offset": utf16(text[:start]),
        "length": utf16(text[start:end]),
        "context": {"text": context, "offset": utf16(text[ctx_start:start]), "length": utf16(text[start:end])},
        "sentence": sentence,
        "type": {"typeName": "Other"},
        "rule": {
            "id": rule.id, "description": rule.description, "issueType": rule.issue_type,
            "category": {"id": rule.category, "name": rule.category_name},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


class FakeLanguageTool:
    """`with FakeLanguageTool() as lt:` serves on 127.0.0.1 (a free port) at `lt.url`."""

    def __init__(self, status: int = 200, delay: float = 0.0, max_length: int = 0) -> None:
        self.status, self.delay, self.max_length = status, delay, max_length
        self.checks: list[dict[str, str]] = []
        self.language_requests = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "FakeLanguageTool":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _reply(self, status: int, body: str, kind: str = "application/json") -> None:
                data = body.encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", f"{kind}; charset=UTF-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                if url.path == "/v2/languages":
                    fake.language_requests += 1
                    self._reply(200, json.dumps(LANGUAGES))
                elif url.path == "/v2/healthcheck":
                    self._reply(200, "OK", "text/plain")
                elif url.path == "/v2/check":
                    self._check({k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()})
                else:
                    self._reply(404, f"Error: unknown path {url.path}", "text/plain")

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
                if urlsplit(self.path).path != "/v2/check":
                    self._reply(404, "Error: unknown path", "text/plain")
                    return
                self._check({k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()})

            def _check(self, params: dict[str, str]) -> None:
                fake.checks.append(params)
                if fake.delay:
                    time.sleep(fake.delay)
                if fake.status != 200:
                    self._reply(fake.status, "Error: Internal Error: java.lang.RuntimeException: "
                                "simulated failure", "text/plain")
                    return
                text, language = params.get("text", ""), params.get("language", "")
                if language not in {entry["longCode"] for entry in LANGUAGES} | {"auto"}:
                    self._reply(400, f"Error: '{language}' is not a language code known to LanguageTool.",
                                "text/plain")
                    return
                if fake.max_length and utf16(text) > fake.max_length:
                    self._reply(413, f"Error: Your text exceeds the limit of {fake.max_length} characters "
                                f"(it's {utf16(text)} characters).", "text/plain")
                    return
                reply = {
                    "software": {"name": "LanguageTool", "version": "6.5", "buildDate": "2024-09-27 10:22:00 +0000",
                                 "apiVersion": 1, "premium": False, "status": ""},
                    "warnings": {"incompleteResults": False},
                    "language": {"name": "English (US)", "code": language,
                                 "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99}},
                    "matches": find_matches(text, params),
                    "sentenceRanges": [[0, utf16(text)]],
                }
                self._reply(200, json.dumps(reply))

        return Handler


#: A Java stand-in for LanguageTool's server class, for language-tool-python's local mode.
#: Java computes the offset itself, so it checks the UTF-16 mapping against the real thing.
JAVA_STUB = """\
package org.languagetool.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A tiny stand-in for LanguageTool's server: offsets are Java string (UTF-16) indices. */
public class HTTPServer {
    public static void main(String[] args) throws Exception {
        int port = 8081;
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals("-p")) port = Integer.parseInt(args[i + 1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v2/healthcheck", ex -> reply(ex, "OK"));
        server.createContext("/v2/languages", ex -> reply(ex,
            "[{\\"name\\":\\"English (US)\\",\\"code\\":\\"en\\",\\"longCode\\":\\"en-US\\"}]"));
        server.createContext("/v2/check", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String text = "";
            for (String pair : body.split("&")) {
                if (pair.startsWith("text=")) text = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
            StringBuilder matches = new StringBuilder();
            int at = text.indexOf("he have");
            if (at >= 0) {
                matches.append("{\\"message\\":\\"The pronoun and the verb do not agree.\\",\\"shortMessage\\":\\"\\",")
                    .append("\\"replacements\\":[{\\"value\\":\\"has\\"}],\\"offset\\":").append(at + 3)
                    .append(",\\"length\\":4,\\"context\\":{\\"text\\":\\"he have\\",\\"offset\\":3,\\"length\\":4},")
                    .append("\\"sentence\\":\\"\\",\\"type\\":{\\"typeName\\":\\"Other\\"},\\"rule\\":{\\"id\\":\\"HE_VERB_AGR\\",")
                    .append("\\"description\\":\\"agreement\\",\\"issueType\\":\\"grammar\\",")
                    .append("\\"category\\":{\\"id\\":\\"GRAMMAR\\",\\"name\\":\\"Grammar\\"}}}");
            }
            reply(ex, "{\\"software\\":{\\"name\\":\\"LanguageTool\\",\\"version\\":\\"stub\\"},\\"matches\\":[" + matches + "]}");
        });
        server.start();
    }

    private static void reply(HttpExchange ex, String body) throws java.io.IOException {
        byte[] data = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(200, data.length);
        try (OutputStream out = ex.getResponseBody()) { out.write(data); }
    }
}
"""


def build_local_install(folder: Path, version: str = "6.6") -> Path | None:
    """`folder/LanguageTool-<version>/languagetool-server.jar` built from JAVA_STUB; None without a JDK."""
    javac, jar = shutil.which("javac"), shutil.which("jar")
    if not (javac and jar and shutil.which("java")):
        return None
    source = folder / "src" / "org" / "languagetool" / "server" / "HTTPServer.java"
    source.parent.mkdir(parents=True)
    source.write_text(JAVA_STUB, encoding="utf-8")
    classes = folder / "classes"
    install = folder / "lt" / f"LanguageTool-{version}"
    install.mkdir(parents=True)
    subprocess.run([javac, "-d", str(classes), str(source)], check=True, capture_output=True, timeout=120)
    subprocess.run([jar, "cf", str(install / "languagetool-server.jar"), "-C", str(classes), "."],
                   check=True, capture_output=True, timeout=120)
    return install.parent
