"""HTML validity with the Nu Html Checker (vnu.jar), run once for all pages."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .pages import PAGES

pytestmark = pytest.mark.browser


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - local http URL
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.fixture(scope="session")
def vnu_messages(site_url, vnu_jar, tmp_path_factory) -> dict[str, list[dict]]:
    """Nu Html Checker messages per page name; a failed fetch becomes an error message."""
    directory = tmp_path_factory.mktemp("html")
    messages: dict[str, list[dict]] = {name: [] for name, _ in PAGES}
    files: dict[str, str] = {}
    for index, (name, path) in enumerate(PAGES):
        status, body = fetch(site_url + path)
        if status != 200:
            messages[name].append({"type": "error", "message": f"GET {path} returned {status}"})
            continue
        file = directory / f"{index}.html"
        file.write_bytes(body)
        files[file.name] = name
    if not files:
        return messages

    command = [shutil.which("java") or "java", "-jar", str(vnu_jar), "--format", "json"]
    command += ["--stdout", *(str(directory / f) for f in files)]
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        command, capture_output=True, text=True, timeout=600
    )
    try:
        report = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        output = f"{result.stdout}\n{result.stderr}"
        pytest.fail(f"vnu.jar gave no JSON report:\n{output}", pytrace=False)
    for message in report:
        file_name = Path(urlsplit(message.get("url", "")).path).name
        # Messages not tied to one file (e.g. I/O problems) concern every page.
        for name in [files[file_name]] if file_name in files else files.values():
            messages[name].append(message)
    return messages


def describe(message: dict) -> str:
    text = message["message"]
    if "lastLine" in message:
        line = message.get("firstLine", message["lastLine"])
        text = f"line {line}, column {message.get('firstColumn', '?')}: {text}"
    if extract := message.get("extract", "").strip():
        text += f"\n    {extract!r}"
    return text


@pytest.mark.parametrize("name", [pytest.param(name, id=name) for name, _ in PAGES])
def test_html_validity(vnu_messages, vnu_warnings, name):
    messages = vnu_messages[name]
    errors = [m for m in messages if m["type"] != "info" or m.get("subType") == "fatal"]
    vnu_warnings.extend(f"{name}: {describe(m)}" for m in messages if m not in errors)
    if errors:
        report = "\n".join(map(describe, errors))
        pytest.fail(f"{len(errors)} HTML error(s):\n{report}", pytrace=False)
