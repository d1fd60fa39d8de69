"""handlers.ask: answers from the knowledge base, related topics, the guided logistics flow."""

from __future__ import annotations

from support.handler_chat import button, buttons


async def test_an_answer_offers_related_topics_that_open_as_articles(ctx, chat):
    answer = (await chat.say("/ask how do I hide my phone number on parcels?")).replies[0]
    related = buttons(answer)
    assert related and all(b.callback_data.startswith("kb:") for b in related)
    opened = await chat.press(related[0])
    article = ctx.kb.article(related[0].callback_data.split(":", 1)[1])
    assert opened.replies[0].text.startswith(article.title("en"))
    assert (await chat.press("kb:no-such-article")).callback_answer


async def test_answers_follow_the_users_language(zh_chat):
    answer = (await zh_chat.say("/ask 怎么隐藏快递单上的手机号")).replies[0]
    assert "隐私面单" in answer.text


async def test_the_logistics_flow_steps_forward_and_back(ctx, chat):
    steps = ctx.kb.logistics_flow("en")
    first = (await chat.say("/ask how do I track my parcel safely?")).replies[0]
    assert f"(1/{len(steps)})" in first.text
    assert [b.callback_data for b in buttons(first)] == ["flow:1"]
    second = (await chat.press(button(first, "flow:1"))).replies[0]
    assert f"(2/{len(steps)})" in second.text and second.edit_message_id == 42
    assert {b.callback_data for b in buttons(second)} == {"flow:0", "flow:2"}
    last = (await chat.press(f"flow:{len(steps) - 1}")).replies[0]
    assert [b.callback_data for b in buttons(last)] == [f"flow:{len(steps) - 2}"]
    clamped = (await chat.press("flow:999")).replies[0]
    assert clamped.text == last.text
    assert (await chat.press("flow:-1")).callback_answer


async def test_a_follow_up_is_read_with_the_previous_question_which_forget_drops(chat):
    first = (await chat.say("I paid a scammer with PayNow in Singapore, what do I do?")).replies[0]
    assert "1799" in first.text
    follow_up = (await chat.say("and which number do I call?")).replies[0]
    assert "1799" in follow_up.text
    await chat.say("/forget")
    await chat.press("forget:yes")
    alone = (await chat.say("and which number do I call?")).replies[0]
    assert "1799" not in alone.text


async def test_a_story_leads_with_the_first_steps_for_each_thing_that_happened(chat):
    answer = (await chat.say("I gave the caller my OTP and then transferred $400 to him, what now?")).replies[0]
    text = answer.text
    assert text.startswith("Do this now")
    assert text.index("1.") < text.index("2.") < text.index("Then report it")
    assert any(b.callback_data == "kb:first-hour-after-scam" for b in buttons(answer))
