"""handlers.markup: escaping, excerpts, cleaning binary junk, splitting long HTML safely."""

from __future__ import annotations

import re

from handlers.markup import MESSAGE_LIMIT, clean, escape, excerpt, split_message, utf16_len
from hypothesis import given, settings
from hypothesis import strategies as st


def balanced(part: str) -> bool:
    stack = []
    for closing, name in re.findall(r"<(/?)(\w+)[^>]*>", part):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def test_escape_makes_user_text_inert():
    assert escape("<b>hi</b> & <a href='x'>") == "&lt;b&gt;hi&lt;/b&gt; &amp; &lt;a href='x'&gt;"


def test_utf16_length_counts_astral_characters_twice():
    assert utf16_len("a😀中") == 4


def test_excerpt_flattens_and_cuts_with_an_ellipsis():
    assert excerpt("one\ntwo   three", 50) == "one two three"
    assert excerpt("x" * 30, 10) == "x" * 9 + "…"


def test_clean_drops_control_characters_but_keeps_lines():
    assert clean("a\x00b\x07c\nd\te\U0010fffe") == "abc\nd\te"


def test_short_text_is_left_alone():
    assert split_message("<b>hi</b>") == ["<b>hi</b>"]


def test_a_tag_spanning_a_cut_is_closed_and_reopened():
    text = "<b>" + "\n".join("line %04d" % i for i in range(1000)) + "</b>"
    parts = split_message(text)
    assert len(parts) > 1
    for part in parts:
        assert utf16_len(part) <= MESSAGE_LIMIT
        assert balanced(part), part[:50]
    assert parts[1].startswith("<b>")


def test_a_single_huge_line_is_cut_outside_entities():
    text = "&amp;" * 2000
    parts = split_message(text)
    assert "".join(parts).replace("\n", "") == text
    assert all(part.startswith("&") and part.endswith(";") for part in parts)


def test_plain_mode_keeps_every_character():
    text = "\n".join("😀 <not a tag> %d" % i for i in range(800))
    parts = split_message(text, html_mode=False)
    assert "\n".join(parts) == text
    assert all(utf16_len(p) <= MESSAGE_LIMIT for p in parts)


chunks = st.lists(st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<>&"), max_size=300),
    st.sampled_from(["\n", "<b>bold</b>", "<i>x\ny</i>", "&amp;", "&lt;", "😀", "<code>c</code>"]),
), max_size=120)


@settings(max_examples=40, deadline=None)
@given(chunks, st.integers(min_value=200, max_value=MESSAGE_LIMIT))
def test_every_part_fits_and_is_balanced(pieces, limit):
    text = "".join(pieces)
    parts = split_message(text, limit=limit)
    for part in parts:
        assert utf16_len(part) <= limit
        assert balanced(part)
    assert re.sub(r"<[^>]+>|\s", "", "".join(parts)) == re.sub(r"<[^>]+>|\s", "", text)
