"""The /stats chart: checks per day over the last 30 days, the verdict mix and the top patterns, as a PNG.

matplotlib is optional (the `charts` extra) and imported on first use; without it `render_stats` returns
None and the handler sends the figures as text. Chinese labels need a CJK font: WenQuanYi Micro Hei is
used when installed (CI installs fonts-wqy-microhei); without it the labels are English.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from typing import Any

from handlers.ports import Lang, StatsRecord

CJK_FONT_NAMES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans CJK TC")
VERDICT_COLORS = {"scam": "#d62728", "suspicious": "#ff9f1c", "no_match": "#2ca02c"}

LABELS: dict[str, dict[str, str]] = {
    "en": {"title": "ShopSafe · last {days} days", "per_day": "Checks per day", "verdicts": "Verdicts",
           "patterns": "Top patterns", "none": "no data yet", "scam": "scam", "suspicious": "suspicious",
           "no_match": "no match", "total": "{total} checks · reports: {pending} pending, {approved} approved, {rejected} rejected"},
    "zh-Hans": {"title": "ShopSafe · 最近 {days} 天", "per_day": "每日检查次数", "verdicts": "判定结果",
                "patterns": "最常命中的模式", "none": "暂无数据", "scam": "诈骗", "suspicious": "可疑", "no_match": "未发现",
                "total": "共 {total} 次检查 · 举报：待审 {pending}，已采纳 {approved}，已驳回 {rejected}"},
    "zh-Hant": {"title": "ShopSafe · 最近 {days} 天", "per_day": "每日檢查次數", "verdicts": "判定結果",
                "patterns": "最常命中的模式", "none": "暫無資料", "scam": "詐騙", "suspicious": "可疑", "no_match": "未發現",
                "total": "共 {total} 次檢查 · 檢舉：待審 {pending}，已採納 {approved}，已駁回 {rejected}"},
}


@lru_cache(maxsize=1)
def _cjk_font() -> str | None:
    """Path of an installed CJK font, or None."""
    from matplotlib import font_manager

    for entry in font_manager.fontManager.ttflist:
        if entry.name in CJK_FONT_NAMES:
            return entry.fname
    return None


class StatsChart:
    """Implements the `ChartRenderer` port."""

    def __init__(self, today: Any = None) -> None:
        self._today = today or (lambda: dt.datetime.now(dt.timezone.utc).date())

    def render_stats(self, stats: StatsRecord, lang: Lang) -> bytes | None:
        try:
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure
            from matplotlib.font_manager import FontProperties
        except ImportError:
            return None
        font_path = _cjk_font()
        if lang != "en" and font_path is None:
            lang = "en"  # no font for Chinese glyphs here: English labels rather than empty boxes
        words = LABELS[lang]
        font = FontProperties(fname=font_path) if font_path else FontProperties()

        days = int(stats.extra.get("days", 30))
        end = self._today()
        dates = [end - dt.timedelta(days=offset) for offset in range(days - 1, -1, -1)]
        counts = [stats.checks_per_day.get(day, 0) for day in dates]

        figure = Figure(figsize=(9, 6.5), dpi=110, layout="constrained")
        FigureCanvasAgg(figure)
        grid = figure.add_gridspec(2, 2, height_ratios=(1.2, 1))
        figure.suptitle(words["title"].format(days=days), fontproperties=font, fontsize=15)

        per_day = figure.add_subplot(grid[0, :])
        per_day.bar(range(days), counts, color="#1f77b4")
        ticks = list(range(days - 1, -1, -7))[::-1]
        per_day.set_xticks(ticks, [dates[i].strftime("%m-%d") for i in ticks])
        per_day.set_title(words["per_day"], fontproperties=font)
        per_day.spines[["top", "right"]].set_visible(False)
        per_day.yaxis.get_major_locator().set_params(integer=True)
        per_day.set_ylim(0, max(max(counts), 1) * 1.1)

        verdicts = figure.add_subplot(grid[1, 0])
        names = [name for name in ("scam", "suspicious", "no_match") if stats.verdicts.get(name)]
        names += [name for name in stats.verdicts if name not in names]
        self._bars(verdicts, [words.get(n, n) for n in names], [stats.verdicts[n] for n in names],
                   [VERDICT_COLORS.get(n, "#7f7f7f") for n in names], words, font)
        verdicts.set_title(words["verdicts"], fontproperties=font)

        patterns = figure.add_subplot(grid[1, 1])
        top = stats.top_patterns[:8]
        self._bars(patterns, [name for name, _ in top], [n for _, n in top], ["#9467bd"] * len(top), words, font)
        patterns.set_title(words["patterns"], fontproperties=font)

        reports = {key: stats.reports.get(key, 0) for key in ("pending", "approved", "rejected")}
        figure.supxlabel(words["total"].format(total=sum(counts), **reports), fontproperties=font, fontsize=10)

        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()

    @staticmethod
    def _bars(axes: Any, labels: list[str], values: list[int], colors: list[str], words: dict[str, str], font: Any) -> None:
        axes.spines[["top", "right"]].set_visible(False)
        if not values:
            axes.text(0.5, 0.5, words["none"], ha="center", va="center", transform=axes.transAxes, fontproperties=font, color="#7f7f7f")
            axes.set_xticks([])
            axes.set_yticks([])
            return
        positions = range(len(values))[::-1]
        axes.barh(list(positions), values, color=colors)
        axes.set_yticks(list(positions), labels, fontproperties=font)
        for position, value in zip(positions, values, strict=True):
            axes.text(value, position, f" {value:,}", va="center", fontsize=9)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.margins(x=0.15)
