"""Settings read from the environment, and the start-up refusal of the development key."""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = "x" * 60

# Runs each snippet of argv[1] in turn in this one process, as `python -c` would run it alone:
# what it writes, and the exit status it would have ended with (1 after an uncaught exception).
STEPS = """
import contextlib, io, json, sys, traceback
results = []
for code in json.loads(sys.argv[1]):
    out, err, status = io.StringIO(), io.StringIO(), 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            exec(code, {"__name__": "__main__"})
        except SystemExit as exit:
            status = exit.code if isinstance(exit.code, int) or exit.code is None else 1
        except BaseException:
            traceback.print_exc()
            status = 1
    results.append({"returncode": status or 0, "stdout": out.getvalue(), "stderr": err.getvalue()})
sys.__stdout__.write(json.dumps(results))
"""


def run_python(*codes: str, **env) -> list[SimpleNamespace]:
    """Each snippet's exit status and output, all run by one child under the same environment
    (starting Python and Django once per environment instead of once per snippet)."""
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    environment.update(env)
    child = subprocess.run(
        [sys.executable, "-c", STEPS, json.dumps(codes)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == 0, child.stderr
    return [SimpleNamespace(**result) for result in json.loads(child.stdout)]


def command(*args: str) -> str:
    return f"from django.core.management import execute_from_command_line as run; run({['manage.py', *args]!r})"


def settings_code(expression: str) -> str:
    return (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='drafting.settings';"
        f"from django.conf import settings as s; print({expression})"
    )


PROXY_HEADER = "s.SECURE_PROXY_SSL_HEADER"
HSTS = "(s.SECURE_HSTS_PRELOAD, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"


@pytest.fixture(scope="module")
def without_key() -> dict[str, SimpleNamespace]:
    """Neither SECRET_KEY nor DEBUG: the deploy check, the plain check, then the WSGI start."""
    deploy, plain, wsgi = run_python(
        command("check", "--deploy"),
        command("check"),
        "import drafting.wsgi",
        DJANGO_SETTINGS_MODULE="drafting.settings",
    )
    return {"deploy": deploy, "plain": plain, "wsgi": wsgi}


@pytest.fixture(scope="module")
def with_key() -> dict[str, SimpleNamespace]:
    """A real SECRET_KEY, DEBUG off: settings read by themselves, then the WSGI start."""
    proxy, hsts, wsgi = run_python(
        settings_code("getattr(s, 'SECURE_PROXY_SSL_HEADER', None)"),
        settings_code(HSTS),
        "import drafting.wsgi",
        SECRET_KEY=KEY,
    )
    return {"proxy": proxy, "hsts": hsts, "wsgi": wsgi}


def settings_value(result: SimpleNamespace) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_wsgi_refuses_the_development_key_without_debug(without_key):
    result = without_key["wsgi"]
    assert result.returncode != 0
    assert "development key" in result.stderr


def test_wsgi_starts_with_a_real_key_or_debug(with_key):
    assert with_key["wsgi"].returncode == 0
    (debug,) = run_python("import drafting.wsgi", DEBUG="1")
    assert debug.returncode == 0


def test_database_url_selects_postgresql():
    fields = "'ENGINE', 'NAME', 'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS'"
    code = settings_code(f"*[s.DATABASES['default'][k] for k in ({fields})]")
    (result,) = run_python(code, DATABASE_URL="postgres://u@db.example:5432/drafting")
    assert result.stdout.split() == ["django.db.backends.postgresql", "drafting", "600", "True"]


def test_languages_and_time_zone(settings):
    assert [code for code, _ in settings.LANGUAGES] == ["en", "zh-hans"]
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE


def test_deploy_check_reports_the_development_key_but_commands_still_run(without_key):
    assert "drafting.E001" in without_key["deploy"].stderr
    assert without_key["plain"].returncode == 0


def test_the_proxy_header_is_trusted_only_behind_a_declared_proxy(with_key):
    assert settings_value(with_key["proxy"]) == "None"
    (trusted,) = run_python(settings_code(PROXY_HEADER), SECRET_KEY=KEY, BEHIND_PROXY="1")
    assert settings_value(trusted) == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_hsts_preload_and_subdomains_are_opt_in(with_key):
    assert settings_value(with_key["hsts"]) == "(False, False)"
    (both,) = run_python(
        settings_code(HSTS),
        SECRET_KEY=KEY,
        SECURE_HSTS_PRELOAD="1",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
    )
    assert settings_value(both) == "(True, True)"


def test_a_spoofed_forwarded_proto_does_not_make_a_request_secure(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301  # still redirected to HTTPS: the header was not trusted
