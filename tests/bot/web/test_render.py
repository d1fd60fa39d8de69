"""Telegram HTML to the page's runs: a whitelist of styles, http(s) links only, entities decoded once."""

from __future__ import annotations

from bot.web.render import Run, reply_view, runs_of, safe_href
from handlers.events import Button, Reply


def test_whitelisted_tags_become_styles_and_everything_else_is_dropped_with_its_text_kept():
    runs = runs_of('<b>Scam: <u>客服</u></b> <span class="x">plain</span> <script>x()</script><i>i</i>', "HTML")
    assert runs == [Run("Scam: ", ("b",)), Run("客服", ("b", "u")), Run(" plain x()"), Run("i", ("i",))]


def test_entities_are_decoded_once_so_escaped_user_text_stays_literal():
    assert runs_of("&lt;script&gt; &amp;amp; &quot;", "HTML") == [Run('<script> &amp; "')]
    assert runs_of("<b>not html</b>", None) == [Run("<b>not html</b>")]


def test_only_absolute_http_links_survive():
    assert runs_of('<a href="https://www.12377.cn/">举报</a>', "HTML") == [Run("举报", (), "https://www.12377.cn/")]
    for href in ("javascript:alert(1)", "data:text/html,x", "/relative", "//evil.example", "http:///x", " JaVaScRiPt:x"):
        assert safe_href(href) is None, href
        assert runs_of(f'<a href="{href}">x</a>', "HTML") == [Run("x")]


def test_a_verdict_is_named_only_under_the_verdict_buttons():
    buttons = ((Button("❓ Why?", "v:why:abc"),),)
    runs, verdict, shown = reply_view(Reply("🚨 <b>Scam: x</b>", buttons=buttons))
    assert verdict == "scam" and runs[0] == Run("🚨", ("verdict",)) and runs[1] == Run(" ")
    assert shown[0][0].data == "v:why:abc"
    assert reply_view(Reply("ℹ️ This command is for moderators only."))[1] is None
    assert reply_view(Reply("⚠️ x", buttons=buttons))[1] == "suspicious"


def test_link_buttons_keep_only_http_addresses():
    rows = ((Button("ok", url="https://example.org"), Button("bad", url="javascript:x")),)
    assert [b.label for b in reply_view(Reply("x", buttons=rows))[2][0]] == ["ok"]
