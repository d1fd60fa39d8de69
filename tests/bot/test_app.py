"""The wiring: config.yaml, build_app (storage, detector, jobs), attach/detach, run until stopped."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.adapters.aiogram_adapter import AiogramTransport, build_bot
from bot.app import PATTERN_RELOAD_SECONDS, build_app, run
from bot.settings import Settings, load_settings
from support.botapi import TOKEN

CONFIG = Path(__file__).resolve().parents[2] / "config.yaml"
UNUSUAL_SCAM = "The purple giraffe committee approved your lantern voucher; reply with the pineapple word to unlock it"


@pytest.fixture(scope="module")
def brains() -> tuple[Any, Any]:
    from knowledge import KnowledgeBase
    from scam_patterns import Detector

    return Detector.default(), KnowledgeBase.default()


def settings_for(tmp_path: Path, **tree: Any) -> Settings:
    return Settings.model_validate({"data_dir": str(tmp_path / "data"), **tree})


# ----- config.yaml ----------------------------------------------------------------------------------

def _keys(tree: dict[str, Any], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in tree.items():
        keys.add(prefix + key)
        if isinstance(value, dict):
            keys |= _keys(value, prefix + key + ".")
    return keys


def _model_keys(model: type, prefix: str = "") -> set[str]:
    keys = set()
    for name, field in model.model_fields.items():
        keys.add(prefix + name)
        annotation = field.annotation
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            keys |= _model_keys(annotation, prefix + name + ".")
    return keys


def test_config_yaml_loads_to_exactly_the_model_defaults():
    assert load_settings(CONFIG, environ={}) == load_settings(None, environ={})


def test_config_yaml_lists_every_settings_key():
    written = _keys(yaml.safe_load(CONFIG.read_text(encoding="utf-8")))
    commented = {"data_dir"}  # its default depends on the machine ($XDG_DATA_HOME), so it is shown commented out
    assert written | commented == _model_keys(Settings)
    assert "# data_dir:" in CONFIG.read_text(encoding="utf-8")


def test_environment_overrides_config_yaml():
    settings = load_settings(CONFIG, environ={"SHOPSAFE_TELEGRAM_FRAMEWORK": "ptb", "SHOPSAFE_MODERATORS": "5, 6"})
    assert settings.telegram.framework == "ptb"
    assert settings.moderators == [5, 6]


# ----- build_app --------------------------------------------------------------------------------------

async def test_build_app_opens_sqlite_in_the_data_dir_and_wires_the_context(tmp_path, brains):
    settings = settings_for(tmp_path, moderators=[7, 8], limits={"checks_per_minute": 5, "max_image_bytes": 4096},
                            privacy={"callback_ttl_seconds": 120, "report_retention_days": 7},
                            ocr={"min_confidence": 0.75})
    app = await build_app(settings, detector=brains[0], kb=brains[1])
    try:
        assert (tmp_path / "data" / "shopsafe.db").is_file()  # created and migrated
        assert app.ctx.moderators == frozenset({7, 8})
        assert app.ctx.limits.checks_per_minute == 5
        assert app.ctx.limits.callback_ttl_seconds == 120
        assert (app.ctx.limits.report_retention_days, app.ctx.limits.max_image_bytes) == (7, 4096)
        assert app.ctx.limits.ocr_min_confidence == 0.75
        assert app.ctx.detector.current is brains[0]
        jobs = {job.id: job for job in app.scheduler.get_jobs()}
        assert jobs["reload-patterns"].trigger.interval.total_seconds() == PATTERN_RELOAD_SECONDS
        assert "retention-purge" in jobs
        await app.ctx.store.ensure_user(1, "en")
    finally:
        await app.close()
    assert not app.scheduler.running


async def test_patterns_approved_in_one_process_reach_another(tmp_path, brains):
    url = f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
    first = await build_app(settings_for(tmp_path, database={"url": url}), detector=brains[0], kb=brains[1])
    second = await build_app(settings_for(tmp_path, database={"url": url}), detector=brains[0], kb=brains[1])
    try:
        assert second.ctx.detector.current.check(UNUSUAL_SCAM).verdict == "no_match"
        await first.ctx.store.add_db_pattern({"extends": "code_request", "example": UNUSUAL_SCAM}, moderator_id=1)
        await second.reload_patterns()  # what the periodic job does
        assert second.ctx.detector.current.check(UNUSUAL_SCAM).verdict == "scam"
        assert second.ctx.detector.base is brains[0]  # the shipped catalog stays as it was
    finally:
        await first.close()
        await second.close()


async def test_attach_starts_the_sender_and_reminders_detach_stops_them(tmp_path, brains, botapi):
    app = await build_app(settings_for(tmp_path), detector=brains[0], kb=brains[1])
    bot = build_bot(TOKEN, botapi.base_url)
    try:
        await app.attach(AiogramTransport(bot))
        assert app.ctx.broadcaster is not None
        assert "security-checkups" in {job.id for job in app.scheduler.get_jobs()}
        await app.detach()
        assert app.ctx.broadcaster is None
        assert "security-checkups" not in {job.id for job in app.scheduler.get_jobs()}
    finally:
        await app.close()
        await bot.session.close()


# ----- run --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_run_serves_the_configured_adapter_until_stopped(tmp_path, botapi, framework):
    settings = settings_for(tmp_path, telegram={"token": TOKEN, "api_base": botapi.base_url, "framework": framework,
                                                "poll_timeout": 1})
    stop = asyncio.Event()
    task = asyncio.create_task(run(settings, stop=stop))
    try:
        botapi.push_message(31, "/help")
        await botapi.wait_for_call("sendMessage", chat_id=31, timeout=20)
        assert len(botapi.calls_of("setMyCommands")) >= 2  # the public menus, per language
        # Regression: full collections walking the start-up objects paused replies for ~0.4 s.
        assert gc.get_freeze_count() > 10_000
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        gc.unfreeze()  # this test process goes on collecting as usual


async def test_close_waits_for_a_running_job_before_closing_the_store(tmp_path, brains):
    """Regression: closing storage under a running reminder tick cancelled it mid-query and left an
    aiosqlite thread behind, so `shopsafe run` sometimes never exited after /quit."""
    app = await build_app(settings_for(tmp_path), detector=brains[0], kb=brains[1])
    finished: list[object] = []

    async def slow_job() -> None:
        await asyncio.sleep(0.3)
        finished.append(await app.ctx.store.get_user(1))

    app.scheduler.add_job(slow_job, id="slow")
    while app.running.count == 0:
        await asyncio.sleep(0.01)
    await app.close()
    assert finished == [None]  # the job ran to its end, on an open store


async def test_a_missed_job_run_does_not_hold_up_shutdown(tmp_path, brains):
    """Regression: on a busy machine the start-up retention run was reported missed (no executed event),
    so shutdown waited its full grace period for a job that never ran."""
    import datetime as dt

    app = await build_app(settings_for(tmp_path), detector=brains[0], kb=brains[1])
    ran: list[int] = []
    late = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=30)
    app.scheduler.add_job(lambda: ran.append(1), "date", run_date=late, misfire_grace_time=1, id="late")
    while "late" in {job.id for job in app.scheduler.get_jobs()}:
        await asyncio.sleep(0.01)
    started = asyncio.get_running_loop().time()
    await app.close()
    assert ran == []  # it was missed, not run
    assert app.running.count == 0
    assert asyncio.get_running_loop().time() - started < 5
