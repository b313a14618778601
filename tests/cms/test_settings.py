import os
import subprocess
import sys
from pathlib import Path

from tests.shared import PRODUCTION_ENV, collected_static, manage

ROOT = Path(__file__).resolve().parents[2]


def test_production_deploy_check_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_fails_loudly_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    for value in ("", "locmem://"):
        result = manage("check", env={**PRODUCTION_ENV, "CACHE_URL": value})
        assert result.returncode != 0
        assert "CACHE_URL must" in result.stderr


def test_production_uses_redis_as_its_cache():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    base = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env={**base, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "cms.cache.RedisCache"


def test_database_url_configures_persistent_connections():
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 600
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_production_static_files_collect_and_compress():
    static = collected_static()  # production's collectstatic, once per run
    manifest = (static / "staticfiles.json").read_text()
    assert "css/site.css" in manifest and "xstatic/leaflet/leaflet.js" in manifest
    assert list((static / "css").glob("site.*.css.gz"))


def test_production_requires_two_step_verification_for_publishers():
    code = "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"
    base = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    env = {**base, **PRODUCTION_ENV, "TWO_FACTOR_REQUIRED": "false"}  # not to be relaxed
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "True"
