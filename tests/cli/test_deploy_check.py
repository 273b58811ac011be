"""`putright check --deploy` is clean with the production environment the README gives
("Running it for real"), HSTS and the secure cookies included (issue 14, item 6)."""

from __future__ import annotations

import secrets
from pathlib import Path

from tests.cli.test_console_script import environment, putright


def production(directory: Path) -> dict[str, str]:
    env = environment(directory)
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="complaints.example.org",
        EMAIL_URL="submission://mailer:secret@mail.example.org:587",
        SECURE_COOKIES="true",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    return env


def test_the_deploy_check_is_clean_with_the_readmes_production_settings(tmp_path):
    run = putright(production(tmp_path), "check", "--deploy")

    assert run.returncode == 0, run.stderr
    assert "System check identified no issues (0 silenced)." in run.stdout


def test_without_https_the_deploy_check_names_what_is_missing(tmp_path):
    env = production(tmp_path)
    del env["SECURE_COOKIES"]

    run = putright(env, "check", "--deploy")

    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in run.stderr
