"""The /stats PNG: a real matplotlib render, read back with Pillow."""

import builtins
import datetime as dt
import io

import pytest
from PIL import Image

from bot import charts
from bot.charts import StatsChart
from handlers.ports import StatsRecord

TODAY = dt.date(2026, 3, 1)
STATS = StatsRecord(
    checks_per_day={TODAY - dt.timedelta(days=d): d + 1 for d in range(0, 30, 3)},
    verdicts={"scam": 12, "suspicious": 7, "no_match": 40},
    top_patterns=[("refund-agent", 9), ("screen-share", 4)],
    reports={"pending": 1, "approved": 2, "rejected": 0},
    extra={"days": 30},
)


def render(stats, lang):
    return StatsChart(today=lambda: TODAY).render_stats(stats, lang)


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_stats_render_as_a_png_in_each_language(lang):
    png = render(STATS, lang)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (990, 715)
    colors = {color for _, color in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (214, 39, 40) in colors and (31, 119, 180) in colors  # the scam bar and the per-day bars are drawn


def test_chinese_labels_use_a_cjk_font_when_one_is_installed():
    if charts._cjk_font() is None:
        pytest.skip("no CJK font installed (CI installs fonts-wqy-microhei)")
    assert render(STATS, "zh-Hans") != render(STATS, "zh-Hant") != render(STATS, "en")


def test_without_a_cjk_font_chinese_falls_back_to_english_labels(monkeypatch):
    monkeypatch.setattr(charts, "_cjk_font", lambda: None)
    assert render(STATS, "zh-Hans") == render(STATS, "en")


def test_no_data_still_renders_a_chart():
    png = render(StatsRecord({}, {}, [], {}), "en")
    assert Image.open(io.BytesIO(png)).format == "PNG"


def test_without_matplotlib_there_is_no_chart(monkeypatch):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    assert render(STATS, "en") is None
