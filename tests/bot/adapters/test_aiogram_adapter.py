"""What is aiogram's own in the aiogram adapter: reading the updates aiogram refuses as a batch.

Its Transport is tested with python-telegram-bot's in `test_common.py` (one contract for both), and
the rest of the update path in the end-to-end suite.
"""

from __future__ import annotations

from bot.adapters.aiogram_adapter import build_bot, readable_updates
from support.botapi import TOKEN


# ----- reading updates --------------------------------------------------------------------------------

def test_an_unreadable_update_in_a_batch_costs_only_itself(caplog):
    bot = build_bot(TOKEN, "http://127.0.0.1:9")
    good = {"update_id": 7, "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "hi"}}
    bad = {"update_id": 8, "message": {"message_id": 2, "date": 0, "text": "pineapple 4471"}}  # no chat
    readable, last = readable_updates({"ok": True, "result": [good, bad]}, bot)
    assert [u.update_id for u in readable] == [7]
    assert last == 8  # the offset moves past the unreadable one
    assert "skipped update 8" in caplog.text and "pineapple" not in caplog.text
    assert readable_updates({"ok": True, "result": "nonsense"}, bot) == ([], None)
    assert readable_updates("not even a mapping", bot) == ([], None)
