"""LanguageTool client: request splitting, timeout, bounded retry, cache and offset mapping.

Requests go through language-tool-python's `LanguageTool(remote_server=...)`
(or its own local server for `url = "local"`), which builds the /v2/check
parameters and parses matches.  Its HTTP transport is replaced (`_query_server`)
because the stock one has a fixed 300 s timeout, retries on its own, restarts a
local server on every network error and drops HTTP status codes.

Offsets: LanguageTool reports `offset`/`length` in UTF-16 code units (Java
string indices), so every character outside the Basic Multilingual Plane
(emoji, some CJK) counts twice.  The raw values are kept and mapped to Python
`str` indices here; `\\r\\n` needs no special care because the exact text is sent.

Process state (the only module-level state, deliberately small):
`_CLIENTS` keeps one client per (url, language, timeout), so a run makes one
/v2/languages request per server and starts at most one local server;
`_DEAD` is the circuit breaker: after the first failure to reach a server in a
process, later documents get the same failure without touching the network.
`reset()` clears both.
"""
from __future__ import annotations

import bisect
import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

from .config import LanguageToolConfig
from .document import Document
from .issue import SEVERITIES
from .writing import write_atomic
from .model_cache import sha256  # hashlib's, without loading OpenSSL

logger = logging.getLogger(__name__)
T = TypeVar("T")

LOCAL = "local"
#: Bumped whenever the cached record format or the match mapping changes.
CACHE_FORMAT = 1
_MEMO_KEY = "languagetool"
_RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
_LOCAL_START_ATTEMPTS = 3


class LanguageToolUnavailable(Exception):
    """LanguageTool could not answer; `str()` is the cause, `transient` whether a retry may help."""

    def __init__(self, cause: str, transient: bool = False) -> None:
        super().__init__(cause)
        self.transient = transient


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match, its span mapped to Python offsets into the document."""

    start: int
    end: int
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...] = ()


@dataclass(frozen=True)
class LTResult:
    """The matches of a whole document, or why there are none (`error`)."""

    matches: tuple[LTMatch, ...] | None
    error: str | None = None


@dataclass(frozen=True)
class GrammarSettings:
    """The grammar check's settings (rules/settings/grammar.yml), and the `[languagetool]`
    server table of the config (no key of `[settings.grammar]`: the engine fills it)."""

    severity_by_issue_type: dict[str, str] = field(default_factory=lambda: {
        "grammar": "warning", "misspelling": "warning", "duplication": "warning",
        "inconsistency": "info", "typographical": "info", "whitespace": "info", "style": "info",
        "register": "info", "locale-violation": "info", "uncategorized": "info"})
    default_severity: str = "info"
    confidence: float = 0.8
    max_suggestions: int = 3
    retry_backoff: float = 0.5
    default_disabled_rules: tuple[str, ...] = ("PUNCTUATION_PARAGRAPH_END", "EN_UNPAIRED_BRACKETS", "EN_QUOTES",
                                              "ENGLISH_WORD_REPEAT_RULE")
    languagetool: LanguageToolConfig = field(default_factory=LanguageToolConfig,
                                             metadata={"config": "languagetool"})

    def __post_init__(self) -> None:
        levels = {f"severity_by_issue_type.{kind}": level
                  for kind, level in self.severity_by_issue_type.items()}
        for key, level in {**levels, "default_severity": self.default_severity}.items():
            if level not in SEVERITIES:
                raise ValueError(f"{key}: {level!r} is not a severity ({', '.join(SEVERITIES)})")


@dataclass(frozen=True)
class LTOptions:
    """The request settings of one run (the `[languagetool]` table plus grammar.yml)."""

    url: str
    language: str = "en-US"
    timeout: float = 10.0
    retries: int = 1
    max_chars: int = 20000
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    cache_dir: str | None = None
    retry_backoff: float = 0.5

    @classmethod
    def from_settings(cls, settings: GrammarSettings) -> "LTOptions | None":
        """Options from the grammar check's settings; None when no server is set."""
        server = settings.languagetool
        if not server.url:
            return None
        enabled = tuple(server.enabled_rules)
        disabled = [*settings.default_disabled_rules, *server.disabled_rules]
        enabled_categories = tuple(server.enabled_categories)
        return cls(
            url=server.url,
            language=server.language or "en-US",
            timeout=float(server.timeout),
            retries=max(0, server.retries),
            max_chars=max(0, server.max_chars),
            enabled_rules=enabled,
            disabled_rules=tuple(dict.fromkeys(r for r in disabled if r not in enabled)),
            enabled_categories=enabled_categories,
            disabled_categories=tuple(c for c in server.disabled_categories if c not in enabled_categories),
            cache_dir=server.cache_dir,
            retry_backoff=settings.retry_backoff,
        )

    @property
    def fingerprint(self) -> str:
        """What decides LanguageTool's answer for a given text (the cache key's prefix)."""
        parts = [
            f"v{CACHE_FORMAT}", self.url, self.language,
            ",".join(sorted(self.enabled_rules)), ",".join(sorted(self.disabled_rules)),
            ",".join(sorted(self.enabled_categories)), ",".join(sorted(self.disabled_categories)),
        ]
        return "\x1f".join(parts)


def document_matches(doc: Document, settings: GrammarSettings) -> list[LTMatch] | None:
    """LanguageTool's matches for a document, or None when it is off or unavailable.

    `settings` are the grammar check's (`ctx.settings_for("grammar")`).  The
    result is memoised in `doc.memo`, so the grammar check and the spin
    classifier share one request.
    """
    result = document_result(doc, settings)
    if result is None or result.matches is None:
        return None
    return list(result.matches)


def document_result(doc: Document, settings: GrammarSettings) -> LTResult | None:
    """Matches or the failure for a document (memoised); None when LanguageTool is off."""
    options = LTOptions.from_settings(settings)
    if options is None:
        return None
    memo = doc.memo.setdefault(_MEMO_KEY, {})
    if options not in memo:
        memo[options] = check_text(doc.text, options)
    return memo[options]


def check_text(text: str, options: LTOptions) -> LTResult:
    """Check a whole text: cached pieces are reused, the rest is requested."""
    cache = ResultCache(options.cache_dir)
    matches: list[LTMatch] = []
    pending: list[tuple[int, str, str]] = []
    for start, end in split_text(text, options.max_chars):
        piece = text[start:end]
        if not piece.strip():
            continue
        key = cache_key(options, piece)
        cached = cache.get(key)
        if cached is None:
            pending.append((start, piece, key))
        else:
            matches.extend(_shift(cached, start))
    if pending:
        breaker = (options.url, options.language)
        if breaker in _DEAD:
            return LTResult(None, _DEAD[breaker])
        try:
            client = _client(options)
            for start, piece, key in pending:
                found = _check_with_retry(client, piece, options)
                cache.put(key, found)
                matches.extend(_shift(found, start))
        except LanguageToolUnavailable as exc:
            _DEAD[breaker] = unavailable_message(options, str(exc))
            return LTResult(None, _DEAD[breaker])
    return LTResult(tuple(sorted(matches, key=lambda m: (m.start, m.end, m.rule_id))))


def unavailable_message(options: LTOptions, cause: str) -> str:
    """Why a run has no LanguageTool answers: which server, and the cause."""
    where = "the local LanguageTool server" if options.url == LOCAL else f"LanguageTool at {options.url}"
    return f"{where} is unavailable ({cause})"


def _shift(found: list[LTMatch], offset: int) -> list[LTMatch]:
    if not offset:
        return found
    return [
        LTMatch(m.start + offset, m.end + offset, m.rule_id, m.category, m.issue_type, m.message,
                m.replacements)
        for m in found
    ]


# --- splitting ------------------------------------------------------------------------------

#: Where a long text may be cut, best first: paragraph gaps, line breaks, sentence ends, spaces.
_CUTS = (
    re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*"),
    re.compile(r"\r\n|\r|\n"),
    re.compile(r"[.!?…][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of LanguageTool's limits and offsets."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def split_text(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Cover `text` with contiguous (start, end) pieces of at most `max_chars` UTF-16 units.

    The whole text is one piece when it fits (or `max_chars` is 0).  Otherwise
    pieces are packed greedily from paragraphs; a paragraph too long for one
    request is cut between lines, then sentences, then words, and only as a
    last resort mid-word.
    """
    if max_chars <= 0 or utf16_length(text) <= max_chars:
        return [(0, len(text))]
    return [(start, end) for start, end, _ in _split(text, 0, len(text), max_chars, 0)]


def _split(text: str, start: int, end: int, limit: int, level: int) -> list[tuple[int, int, int]]:
    """(start, end, utf16 size) pieces of text[start:end], cutting at `_CUTS[level]` or finer."""
    size = utf16_length(text[start:end])
    if size <= limit:
        return [(start, end, size)]
    if level == len(_CUTS):
        return _hard_split(text, start, end, limit)
    cuts = [m.end() for m in _CUTS[level].finditer(text, start, end) if start < m.end() < end]
    bounds = [start, *cuts, end]
    pieces: list[tuple[int, int, int]] = []
    for unit_start, unit_end in zip(bounds, bounds[1:]):
        for piece in _split(text, unit_start, unit_end, limit, level + 1):
            if pieces and pieces[-1][2] + piece[2] <= limit:
                pieces[-1] = (pieces[-1][0], piece[1], pieces[-1][2] + piece[2])
            else:
                pieces.append(piece)
    return pieces


def _hard_split(text: str, start: int, end: int, limit: int) -> list[tuple[int, int, int]]:
    pieces, pos = [], start
    while pos < end:
        stop, size = pos, 0
        while stop < end and size + (2 if ord(text[stop]) > 0xFFFF else 1) <= max(limit, 2):
            size += 2 if ord(text[stop]) > 0xFFFF else 1
            stop += 1
        pieces.append((pos, stop, size))
        pos = stop
    return pieces


# --- offsets --------------------------------------------------------------------------------

class OffsetMap:
    """Maps UTF-16 code-unit offsets (LanguageTool's) to Python `str` indices of one text."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self._astral: list[int] = []  # UTF-16 offset at which each astral character starts
        extra = 0
        for index, ch in enumerate(text):
            if ord(ch) > 0xFFFF:
                self._astral.append(index + extra)
                extra += 1

    def to_index(self, utf16_offset: int) -> int:
        """The Python index of a UTF-16 offset (one inside a surrogate pair rounds up)."""
        before = bisect.bisect_left(self._astral, utf16_offset - 1)
        return max(0, min(self.length, utf16_offset - before))


# --- the client -----------------------------------------------------------------------------

_CLIENTS: dict[tuple[str, str, float], Any] = {}
_DEAD: dict[tuple[str, str], str] = {}


def reset() -> None:
    """Forget clients and the circuit breaker (tests; long-lived processes after a restart)."""
    for client in _CLIENTS.values():
        try:
            client.close()
        except Exception:  # closing a dead local server must not hide the reset
            logger.debug("closing LanguageTool client failed", exc_info=True)
    _CLIENTS.clear()
    _DEAD.clear()


def _client(options: LTOptions) -> Any:
    key = (options.url, options.language, options.timeout)
    if key not in _CLIENTS:
        _CLIENTS[key] = _with_retry(lambda: _open_client(options), options)
    return _CLIENTS[key]


def _check_with_retry(client: Any, piece: str, options: LTOptions) -> list[LTMatch]:
    return _with_retry(lambda: client.check_piece(piece, options), options)


def _with_retry(call: Callable[[], T], options: LTOptions) -> T:
    """`call()`, repeated up to `retries` times (with a growing pause) while failures are transient."""
    for attempt in range(options.retries + 1):
        try:
            return call()
        except LanguageToolUnavailable as exc:
            if not exc.transient or attempt == options.retries:
                raise
            logger.debug("LanguageTool: %s; retry %d of %d", exc, attempt + 1, options.retries)
            time.sleep(options.retry_backoff * (attempt + 1))
    raise AssertionError("unreachable")


def _open_client(options: LTOptions) -> Any:
    """A language-tool-python client for a remote server, or for its own local server."""
    try:
        import language_tool_python  # noqa: F401 - heavy import, only when LanguageTool is on
    except ImportError as exc:
        raise LanguageToolUnavailable(f"language-tool-python is not installed: {exc}") from None
    client_class = _client_class()
    try:
        if options.url == LOCAL:
            return client_class(options.language, options.timeout, remote_server=None,
                                download_version=_local_version())
        return client_class(options.language, options.timeout, remote_server=_base_url(options.url))
    except LanguageToolUnavailable:
        raise
    except ValueError as exc:  # language-tool-python: the server does not know the language
        raise LanguageToolUnavailable(f"language {options.language!r}: {exc}") from None
    except Exception as exc:  # JavaError, PathError, ServerError, OSError from a local start
        raise LanguageToolUnavailable(f"{type(exc).__name__}: {exc}") from None


def _base_url(url: str) -> str:
    """The server root: language-tool-python appends `v2/` itself."""
    base = url.rstrip("/")
    if base.endswith("/v2"):
        base = base[: -len("/v2")]
    return base + "/"


def _local_version() -> str:
    """The installed LanguageTool to run; never downloads one during a lint run.

    language-tool-python 3.x runs `$LTP_PATH/LanguageTool-<version>/` (default
    LTP_PATH ~/.cache/language_tool_python); LTP_JAR_DIR_PATH stops it from
    downloading, and is left to language-tool-python when nothing is installed.
    """
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool
    from language_tool_python.utils import LTP_JAR_DIR_PATH_ENV_VAR, LTP_PATH_ENV_VAR

    try:
        installed = LocalLanguageTool.get_latest_installed_version()
    except Exception as exc:
        raise LanguageToolUnavailable(f"cannot look for a LanguageTool install: {exc}") from None
    if installed is not None:
        return installed.version_name
    if os.environ.get(LTP_JAR_DIR_PATH_ENV_VAR):
        return LTP_DOWNLOAD_VERSION
    folder = os.environ.get(LTP_PATH_ENV_VAR) or "~/.cache/language_tool_python"
    raise LanguageToolUnavailable(
        f"no LanguageTool install found: unzip a LanguageTool release (a LanguageTool-X.Y folder) "
        f"into {folder} (set {LTP_PATH_ENV_VAR} to use another folder); Java 17+ is needed"
    )


_CLIENT_CLASS: type | None = None


def _client_class() -> type:
    """Built on first use so that language-tool-python is imported only when needed."""
    global _CLIENT_CLASS
    if _CLIENT_CLASS is None:
        _CLIENT_CLASS = _make_client_class()
    return _CLIENT_CLASS


def _make_client_class() -> type:
    import requests
    from language_tool_python import LanguageTool
    from language_tool_python.exceptions import ServerError

    class Client(LanguageTool):
        """language-tool-python's client with a bounded, status-aware transport."""

        def __init__(self, language: str, timeout: float, remote_server: str | None,
                     download_version: str | None = None) -> None:
            self._TIMEOUT = timeout  # read by _query_server, also during super().__init__
            self._raw_spans: list[tuple[int, int]] = []
            kwargs: dict[str, Any] = {"language": language, "remote_server": remote_server}
            if download_version:
                kwargs["language_tool_download_version"] = download_version
            super().__init__(**kwargs)

        def _query_server(self, url: str, params: dict | None = None, num_tries: int = 1,
                          method: str = "get") -> Any:
            try:
                if method == "post":
                    response = requests.post(url, data=params, timeout=self._TIMEOUT, proxies=self._proxies)
                else:
                    response = requests.get(url, params=params, timeout=self._TIMEOUT, proxies=self._proxies)
            except requests.Timeout:
                raise LanguageToolUnavailable(
                    f"no reply within {self._TIMEOUT:g} s; raise languagetool.timeout if the server is just slow"
                ) from None
            except requests.ConnectionError as exc:
                raise LanguageToolUnavailable(f"cannot connect: {_root_cause(exc)}", transient=True) from None
            except requests.RequestException as exc:
                raise LanguageToolUnavailable(f"request failed: {exc}") from None
            with response:
                if response.status_code != 200:
                    detail = response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
                    hint = "; lower languagetool.max-chars to the server's limit" if response.status_code == 413 else ""
                    raise LanguageToolUnavailable(
                        f"HTTP {response.status_code}" + (f": {detail}" if detail else "") + hint,
                        transient=response.status_code in _RETRYABLE_STATUS,
                    )
                try:
                    data = response.json()
                except ValueError:
                    raise LanguageToolUnavailable("the reply is not LanguageTool JSON") from None
            if isinstance(data, dict) and "matches" in data:
                try:
                    self._raw_spans = [(int(m["offset"]), int(m["length"])) for m in data["matches"]]
                except (KeyError, TypeError, ValueError):
                    raise LanguageToolUnavailable("the reply has matches without offset/length") from None
            return data

        def _start_server_on_free_port(self) -> None:
            for attempt in range(_LOCAL_START_ATTEMPTS):
                try:
                    self._start_local_server()
                    return
                except ServerError:
                    if attempt + 1 == _LOCAL_START_ATTEMPTS:
                        raise
                    self._port = self._available_ports.pop()

        def check_piece(self, text: str, options: LTOptions) -> list[LTMatch]:
            """LanguageTool's matches for `text` under `options`' rules, offsets as Python indices."""
            self.enabled_rules = set(options.enabled_rules)
            self.disabled_rules = set(options.disabled_rules)
            self.enabled_categories = set(options.enabled_categories)
            self.disabled_categories = set(options.disabled_categories)
            try:
                matches = self.check(text)
            except (KeyError, TypeError, AttributeError) as exc:
                raise LanguageToolUnavailable(f"unexpected reply format ({type(exc).__name__}: {exc})") from None
            if len(matches) != len(self._raw_spans):
                raise LanguageToolUnavailable("unexpected reply format (match count)")
            offsets = OffsetMap(text)
            found = []
            for match, (offset, length) in zip(matches, self._raw_spans):
                start, end = offsets.to_index(offset), offsets.to_index(offset + length)
                found.append(LTMatch(
                    start=start, end=max(start, end), rule_id=str(match.rule_id),
                    category=str(match.category), issue_type=str(match.rule_issue_type or ""),
                    message=str(match.message), replacements=tuple(str(r) for r in match.replacements),
                ))
            return found

    return Client


def _root_cause(exc: BaseException) -> str:
    """The innermost reason of a requests error ('Connection refused', not a URL dump)."""
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__
    text = str(exc)
    match = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    return match.group(1).strip() if match else (text[:160] or type(exc).__name__)


# --- the cache ------------------------------------------------------------------------------

def cache_key(options: LTOptions, piece: str) -> str:
    """Hash of the request text and of everything else that shapes the answer."""
    digest = sha256()
    digest.update(options.fingerprint.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(piece.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/textlint-news/languagetool` (default ~/.cache/...)."""
    from .resources import user_cache_dir

    return user_cache_dir() / "languagetool"


class ResultCache:
    """Matches of one request text, on disk (one JSON file per key, written atomically).

    An unwritable cache folder only costs speed: failures are logged, not raised.
    """

    def __init__(self, folder: str | os.PathLike | None = None) -> None:
        self.folder = Path(folder).expanduser() if folder else default_cache_dir()
        self._writable = True

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[LTMatch] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return [LTMatch(**{**item, "replacements": tuple(item["replacements"])}) for item in data]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError):
            logger.debug("LanguageTool cache entry %s unreadable; asking again", key, exc_info=True)
            return None

    def put(self, key: str, matches: list[LTMatch]) -> None:
        if not self._writable:
            return
        records = [{**m.__dict__, "replacements": list(m.replacements)} for m in matches]
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(records, ensure_ascii=False))
        except OSError:
            self._writable = False
            logger.debug("LanguageTool cache folder %s is not writable", self.folder, exc_info=True)
