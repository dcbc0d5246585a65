"""Settings read from the environment, and the start-up refusal of the development key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_wsgi_refuses_the_development_key_without_debug():
    result = run_python("import drafting.wsgi")
    assert result.returncode != 0
    assert "development key" in result.stderr


def test_wsgi_starts_with_a_real_key_or_debug():
    assert run_python("import drafting.wsgi", SECRET_KEY="x" * 60).returncode == 0
    assert run_python("import drafting.wsgi", DEBUG="1").returncode == 0


def test_database_url_selects_postgresql():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='drafting.settings';"
        "from django.conf import settings as s; d=s.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = run_python(code, DATABASE_URL="postgres://u@db.example:5432/drafting")
    assert result.stdout.split() == ["django.db.backends.postgresql", "drafting", "600", "True"]


def test_languages_and_time_zone(settings):
    assert [code for code, _ in settings.LANGUAGES] == ["en", "zh-hans"]
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE


def test_deploy_check_reports_the_development_key_but_commands_still_run():
    deploy = run_python(
        "from django.core.management import execute_from_command_line as run; run(['manage.py', 'check', '--deploy'])",
        DJANGO_SETTINGS_MODULE="drafting.settings",
    )
    assert "drafting.E001" in deploy.stderr
    plain = run_python(
        "from django.core.management import execute_from_command_line as run; run(['manage.py', 'check'])",
        DJANGO_SETTINGS_MODULE="drafting.settings",
    )
    assert plain.returncode == 0


def settings_value(expression: str, **env) -> str:
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='drafting.settings';"
        f"from django.conf import settings as s; print({expression})"
    )
    result = run_python(code, SECRET_KEY="x" * 60, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_proxy_header_is_trusted_only_behind_a_declared_proxy():
    assert settings_value("getattr(s, 'SECURE_PROXY_SSL_HEADER', None)") == "None"
    trusted = settings_value("s.SECURE_PROXY_SSL_HEADER", BEHIND_PROXY="1")
    assert trusted == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_hsts_preload_and_subdomains_are_opt_in():
    assert settings_value("(s.SECURE_HSTS_PRELOAD, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)") == (
        "(False, False)"
    )
    both = settings_value(
        "(s.SECURE_HSTS_PRELOAD, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)",
        SECURE_HSTS_PRELOAD="1",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
    )
    assert both == "(True, True)"


def test_a_spoofed_forwarded_proto_does_not_make_a_request_secure(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301  # still redirected to HTTPS: the header was not trusted
