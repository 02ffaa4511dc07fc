"""Where the shipped rule data lives, cached loading of its files, and the user cache folder."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    """The shipped `rules/` folder: inside the installed package, else the source tree."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the shipped rules/ folder is missing: reinstall textlint-news")


def user_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/textlint-news` (default ~/.cache/textlint-news): what runs keep for later runs."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "textlint-news"


def builtin_packs() -> list[Path]:
    """Every shipped rule pack (`rules/*.yml`), in name order."""
    return sorted(rules_dir().glob("*.yml"))


@lru_cache(maxsize=None)
def load_data(relative: str) -> Any:
    """Load a shipped data file under `rules/` (YAML, JSON or plain lines), cached; a YAML or
    JSON file's value is kept in the model cache (`mapped.cached_value`): PyYAML's import and
    parsing took 0.04-0.06 s of every start."""
    path = rules_dir() / relative
    if path.suffix in (".yml", ".yaml", ".json"):
        from .mapped import cached_value

        return cached_value(f"data-{relative.replace('/', '-')}", [path, Path(__file__)], lambda: parse_data(path))
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def parse_data(path: Path, loader: Any = None) -> Any:
    """A YAML or JSON file's value, parsed (YAML with `loader`, default libyaml's safe loader)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        import json  # here: not before `re_code` fills `re`'s cache (json's patterns)

        return json.loads(text)
    import yaml

    return yaml.load(text, Loader=loader or safe_loader())


def safe_loader() -> Any:
    """PyYAML's safe loader: libyaml's parser when PyYAML has it (10x faster)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def settings_path(name: str) -> Path:
    """Where the shipped settings of one Python check live: `rules/settings/<name>.yml`."""
    return rules_dir() / "settings" / f"{name}.yml"


def check_settings(name: str) -> dict[str, Any]:
    """The shipped settings table of one Python check (`rules/settings/<name>.yml`), or `{}`."""
    if not settings_path(name).is_file():
        return {}
    data = load_data(f"settings/{name}.yml") or {}
    return dict(data.get("settings", data))
