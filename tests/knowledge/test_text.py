"""Search terms: normalisation, segmentation, synonyms and word weights."""

from __future__ import annotations

from knowledge.text import BIGRAM, bigrams, known_english, normalize, stem, terms, weight, words


def test_normalize_converts_traditional_with_mainland_wording_and_full_width() -> None:
    assert normalize("分享螢幕給對方") == "分享屏幕给对方"
    assert normalize("ＡＢＣ　Ｑｑ") == "abc qq"


def test_normalize_drops_hidden_characters_and_lone_surrogates() -> None:
    assert normalize("验\u200b证\ufeff码") == "验证码"
    assert normalize("a\x00b\ud800c") == "a bc"


def test_stem_maps_inflections_to_one_form() -> None:
    assert stem("parcels") == stem("parcel") == "parcel"
    assert stem("tracking") == stem("track")
    assert stem("deliveries") == "delivery"
    assert stem("address") == "address"


def test_words_drop_stop_words_and_map_synonyms() -> None:
    assert words(normalize("How do I track my package?")) == ["track", "parcel"]
    assert "信息" in words(normalize("我的資料外洩了"))
    assert "泄露" in words(normalize("我的資料外洩了"))
    assert "共享屏幕" in words(normalize("客服让我屏幕分享"))
    assert "地址" in words(normalize("會不會被人看到住址"))


def test_domain_words_stay_whole() -> None:
    assert "验证码" in words("客服要验证码")
    assert "隐私面单" in words("怎么开隐私面单")


def test_bigrams_are_marked_and_only_for_han_runs() -> None:
    assert bigrams("取件码 ok") == [BIGRAM + "取件", BIGRAM + "件码"]
    assert terms("取件码")[:1] == ["取件码"]


def test_everyday_words_weigh_nothing_and_rare_ones_weigh_most() -> None:
    assert weight("说") == 0.0
    assert weight("验证码") > weight("电话") > 0
    assert weight("refund") > 0


def test_segmenter_dictionary_keeps_only_words_frequent_enough() -> None:
    from knowledge.text import _MIN_DICTIONARY_FREQ, _dictionary

    path = _dictionary()
    assert _dictionary() == path
    frequencies = [int(line.split(" ", 2)[1]) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(frequencies) > 100_000 and min(frequencies) >= _MIN_DICTIONARY_FREQ


def test_sign_means_login_only_in_sign_in() -> None:
    # "signs of a scam" and "sign for a parcel" were read as logging in and pulled questions to the
    # logged-in-devices article.
    assert words(normalize("signs of a scam shop")) == ["sign", "scam", "shop"]
    assert "login" not in words(normalize("check the label before I sign for it"))
    assert words(normalize("someone signed into my account")) == ["login", "account"]
    assert words(normalize("a sign-in alert")) == ["login", "alert"]


def test_written_cantonese_reads_as_the_mandarin_the_articles_use() -> None:
    assert normalize("香港俾人呃咗錢，點算") == "香港被人骗了钱,怎么办"
    assert normalize("啲速遞盒點處理") == "些快递盒怎么处理"


def test_contractions_written_without_apostrophes_are_stop_words() -> None:
    assert words("whats a waybill and theyre asking for it dont know") == ["waybill", "ask"]


def test_known_english_words_are_told_from_misspellings() -> None:
    assert known_english("hawker") and known_english(stem("texas")) and known_english(stem("shipping"))
    assert not known_english("pasword") and not known_english("verifcation")
