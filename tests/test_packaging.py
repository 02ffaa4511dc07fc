"""Packaging: every Python package and the rules folder are shipped by setup.cfg."""
import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_setup_cfg():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg")
    listed = set(parser["options"]["packages"].split())
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "textlint_news").rglob("__init__.py")}
    assert found | {"textlint_news.rules"} == listed
