"""The knowledge base: bilingual retrieval over the articles and answers in the asker's script.

Ranking fuses two signals per article:
  • BM25 over its titles, tags, sample questions and bodies (Chinese words + bigrams, English stems);
  • rapidfuzz similarity of the question to the article's sample questions and titles, on content words
    and, for Chinese, on the characters left once filler words are removed.
An out-of-scope class (weather, recipes, homework, app how-tos…) is ranked beside the articles.
Confidence, which decides between an answer and an honest refusal, combines the fuzzy similarity of the
chosen article with the share of the question's informative words the article contains (coverage, words
weighed by how rare they are in general language): a question whose main words appear nowhere in the
articles is out of scope however close one phrase looks. A long question (a story of what happened) is
never close to a short sample question as a whole, so its confidence is at least its containment: the
largest share of one of the article's sample questions, by informative weight, that it contains.
Four more checks keep near-domain questions out:
the out-of-scope class ranking within SCOPE_MARGIN of the best article, a question naming nothing ShopSafe
covers (intent.on_topic_cue) meeting the higher NO_CUE_THRESHOLD, a how-to question naming no risk
(intent.procedural_question) meeting HOW_TO_THRESHOLD, and off-topic intents (selling, editing an address)
without a scam cue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from knowledge.answer import Answer, compose, refusal
from knowledge.articles import LANGS, Article, load_articles
from knowledge.bm25 import BM25
from knowledge.intent import (
    has_question_form,
    looks_like_message,
    mentions_tracking,
    off_topic_intent,
    on_topic_cue,
    procedural_question,
)
from knowledge.logistics import logistics_steps
from knowledge.regions import (PLACE_USES, RegionGuess, infer_region, place_line, place_texts, placed_article,
                               report_lines)
from knowledge.situations import (MONEY_MOVED, SEVERAL_MECHANISMS, STORY_ARTICLES, Situation, asks_for_help,
                                  asks_where_to_report, in_contact, scam_story, steps_text)
from knowledge.situations import TITLE as STEPS_TITLE
from knowledge.situations import detect as detect_situations
from knowledge.scope import OUT_OF_SCOPE_QUESTIONS
from knowledge.text import bigrams, han_skeleton, known_english, normalize, terms, warm_up, weight, words
from scam_patterns.script import detect_script

# Retrieval reads only the start of a question: longer text is not a question but a pasted message.
MAX_QUESTION_CHARS = 300
# The languages an article is written in and indexed by ("zh" is Simplified); zh-Hant restates "zh".
INDEXED_LANGS = ("zh", "en")
# Fields repeat in the BM25 document to weigh them: titles and sample questions say what an article answers.
_WEIGHTS = {"title": 3, "tags": 2, "questions": 2, "body": 1}
# Fusion and confidence: two weights and a threshold, calibrated on the development set
# tests/knowledge/questions.jsonl (the figures were flat within ±1 % around these values):
# rank = 0.3 BM25 (relative to the best) + 0.7 fuzzy similarity;
# confidence = 0.25 coverage + 0.75 fuzzy similarity of the chosen article.
_BM25_WEIGHT = 0.3
_COVERAGE_WEIGHT = 0.25
THRESHOLD = 0.44
# A question naming nothing ShopSafe covers (no privacy, scam, payment, account, legal or parcel-risk word)
# is answered only when it is this close to an article: in the tuning sets such questions sat at ≤ 0.60
# when off-topic ("how long does a parcel take") and at ≥ 0.63 when in scope.
NO_CUE_THRESHOLD = 0.62
# A how-to question naming no risk or privacy concern (intent.procedural_question) needs this much: in the
# tuning sets off-topic ones ("微信怎么建群") reached 0.67 and in-scope ones mostly sat above 0.75.
HOW_TO_THRESHOLD = 0.7
# Out of scope also when the out-of-scope class ranks within this much of the best article: a near-domain
# question ("快递几天到", "cancel my netflix") shares words with an article but reads like an off-topic one.
# Answered questions sit at least 0.12 below the class; misread off-topic ones within 0.03 of the article.
SCOPE_MARGIN = 0.05
# A question of at least this many content words is judged by containment too (see the module docstring):
# in the tuning sets in-scope questions that long had fuzzy similarities down to 0.3, and off-topic ones
# are rarely that long (11 of 187, containment ≤ 0.5).
LONG_QUESTION_WORDS = 5
# A misspelt English word is read as the articles' word with its first letter at least this similar
# (rapidfuzz ratio): "pasword" → "password", "screan" → "screen"; a word in common use of its own
# (text.known_english) is left alone: "hawker" is not "hacker", "spelt" not "spent".
_SPELLING_CUTOFF = 80
# Articles tagged "overview" are the topics a refusal offers, in file order.
OVERVIEW_TAG = "overview"
# The article whose askers get the guided logistics flow.
LOGISTICS_ARTICLE = "track-parcel-safely"
# A short text without question words ("隐私面单", "shipping label") is a question when it retrieves an article.
SHORT_QUERY_CHARS = 40
# How many of the best-ranked articles a match keeps: a story's situations pick their primary article among them.
RANKING_SIZE = 12
# A follow-up this short ("and in Taiwan?", "那还能追回吗") is read together with the previous question.
FOLLOW_UP_WORDS = 4
# A story's retrieved article leads its steps when it is one of the situations' own or near them, or when
# retrieval is this sure of it (sample questions match at 1.0; word overlap with an unrelated article ~0.5).
CONFIDENT_STORY_MATCH = 0.7
# The article that says where to report for each place: the answer to "who do I call?" after a scam.
REPORT_ARTICLE = "where-to-report"
# A story's first steps for several mechanisms need more reading room than one article's answer.
STORY_READING_CHARS = 1000


@dataclass(frozen=True)
class Match:
    """The best article for a question and the evidence for it."""

    index: int | None
    confidence: float
    runners_up: tuple[int, ...]
    ranking: tuple[int, ...] = ()  # the best articles, best first, answered or not


class KnowledgeBase:
    def __init__(self, articles: list[Article]) -> None:
        warm_up()
        self.articles = list(articles)
        self._by_id = {article.id: article for article in self.articles}
        documents = []
        # Fuzzy comparison keys of every sample question and title, and the article (class) each belongs to.
        self._fuzzy_keys: list[str] = []
        self._fuzzy_owner: list[int] = []
        self._han_keys: list[str] = []
        self._han_owner: list[int] = []
        # Per article, each sample question's and title's content words and their total weight.
        self._samples: list[list[tuple[frozenset[str], float]]] = [[] for _ in self.articles]
        for index, article in enumerate(self.articles):
            doc: list[str] = []
            for question in article.sample_questions():
                doc.extend(self._add_question(question, index) * _WEIGHTS["questions"])
            # The Simplified and English texts only: an article's hand-written Traditional says the same again.
            for title in filter(None, (article.titles.get(lang) for lang in INDEXED_LANGS)):
                doc.extend(self._add_question(title, index) * _WEIGHTS["title"])
            doc.extend(terms(normalize(" ".join(article.tags))) * _WEIGHTS["tags"])
            bodies = " ".join(filter(None, (article.bodies.get(lang) for lang in INDEXED_LANGS)))
            doc.extend(terms(normalize(bodies)) * _WEIGHTS["body"])
            # An article written per place is found by each place's own words too ("個資法", "PDPO", "Scamwatch").
            for title, body in place_texts(article.id):
                doc.extend(self._add_question(title, index) * _WEIGHTS["title"])
                doc.extend(terms(normalize(body)) * _WEIGHTS["body"])
            documents.append(doc)
        # The out-of-scope class comes after the articles; each of its questions is a document of its own
        # (one long document would be penalised for its length) and the class scores as its best one.
        self._out_of_scope = len(self.articles)
        documents.extend(self._add_question(text, self._out_of_scope) * _WEIGHTS["questions"]
                         for text in OUT_OF_SCOPE_QUESTIONS)
        self._bm25 = BM25(documents)
        # English words of the articles by first letter: a misspelling rarely gets the first letter wrong.
        self._english_vocabulary: dict[str, list[str]] = {}
        for term in sorted(self._bm25.postings):
            if term.isascii() and term.isalpha() and len(term) >= 4:
                self._english_vocabulary.setdefault(term[0], []).append(term)

    def _add_question(self, text: str, owner: int) -> list[str]:
        """Keys one sample question or title for the fuzzy comparison; returns its BM25 terms."""
        normalised = normalize(text)
        content = words(normalised)
        if content:
            self._fuzzy_keys.append(" ".join(sorted(content)))
            self._fuzzy_owner.append(owner)
            if owner < len(self._samples):
                distinct = frozenset(content)
                mass = sum(weight(word) for word in distinct)
                if mass:
                    self._samples[owner].append((distinct, mass))
        han = han_skeleton(normalised)
        if han:
            self._han_keys.append(han)
            self._han_owner.append(owner)
        return content + bigrams(normalised)

    @classmethod
    def from_directory(cls, directory: Path | None = None) -> KnowledgeBase:
        return cls(load_articles(directory))

    @classmethod
    def default(cls) -> KnowledgeBase:
        """The shipped articles, built once per process."""
        return _default()

    # -- lookup ---------------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def topics(self, lang: str = "en") -> list[tuple[str, str]]:
        return [(article.id, article.title(_lang(lang))) for article in self.articles]

    # -- retrieval ------------------------------------------------------------------------------------

    def _spelled(self, word: str) -> str:
        """An English word the articles never use, replaced by the closest one they do ("pasword")."""
        if not word.isascii() or len(word) < 5 or word in self._bm25.postings or known_english(word):
            return word
        candidates = self._english_vocabulary.get(word[0], [])
        found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=_SPELLING_CUTOFF)
        return found[0] if found else word

    def match(self, question: str) -> Match:
        text = normalize(question[:MAX_QUESTION_CHARS])
        query_words = [self._spelled(word) for word in words(text)]
        query = query_words + terms(text)[len(query_words):]
        if not query_words or not self.articles:
            return Match(None, 0.0, ())
        scores = self._bm25.scores(query)
        bm25 = scores[: self._out_of_scope] + [max(scores[self._out_of_scope :], default=0.0)]
        best_bm25 = max(bm25) or 1.0
        fuzzy = [0.0] * len(bm25)
        # Sorted content words: word order and filler do not matter to the fuzzy comparison.
        key = " ".join(sorted(query_words))
        for _, score, position in process.extract(key, self._fuzzy_keys, scorer=fuzz.token_sort_ratio, limit=30):
            owner = self._fuzzy_owner[position]
            fuzzy[owner] = max(fuzzy[owner], score / 100)
        han = han_skeleton(text)
        if han:
            for _, score, position in process.extract(han, self._han_keys, scorer=fuzz.ratio, limit=30):
                owner = self._han_owner[position]
                fuzzy[owner] = max(fuzzy[owner], score / 100)
        fused = [_BM25_WEIGHT * s / best_bm25 + (1 - _BM25_WEIGHT) * f for s, f in zip(bm25, fuzzy)]
        ranked = sorted(range(len(fused)), key=fused.__getitem__, reverse=True)
        articles = [index for index in ranked if index != self._out_of_scope]
        top = articles[0]
        ranking = tuple(articles[:RANKING_SIZE])
        if bm25[top] <= 0 and fuzzy[top] <= 0:
            return Match(None, 0.0, tuple(articles[1:4]), ranking)
        coverage = self._bm25.coverage(query_words, top, weight)
        confidence = _COVERAGE_WEIGHT * coverage + (1 - _COVERAGE_WEIGHT) * fuzzy[top]
        distinct = set(query_words)
        if len(distinct) >= LONG_QUESTION_WORDS:
            confidence = max(confidence, self._containment(distinct, top))
        threshold = THRESHOLD if on_topic_cue(f"{text} {' '.join(query_words)}") else NO_CUE_THRESHOLD
        if procedural_question(text):
            threshold = max(threshold, HOW_TO_THRESHOLD)
        in_scope = (confidence >= threshold and fused[self._out_of_scope] < fused[top] - SCOPE_MARGIN
                    and not off_topic_intent(text))
        return Match(top if in_scope else None, confidence, tuple(articles[1:4]), ranking)

    def _containment(self, query: set[str], index: int) -> float:
        """The largest share of one of the article's sample questions (by word weight) found in the query."""
        return max((sum(weight(word) for word in sample & query) / mass for sample, mass in self._samples[index]),
                   default=0.0)

    def ask(self, question: str, lang: str | None = None, region: str | None = None,
            language_code: str | None = None, context: str | None = None) -> Answer:
        """The answer to `question` in `lang` (default: the question's script). `region` is the asker's
        stored place (/region) and `language_code` their client's language: both yield to a place the
        question names (see knowledge.regions). `context` is the previous question in the same chat: a
        follow-up that means little alone ("and in Hong Kong?") is read together with it.

        What has already happened (knowledge.situations) leads: a story naming a payment, a code read out
        or an installed app gets the first steps for each before any background."""
        question = question or ""
        lang = _lang(lang) if lang else _asker_lang(question)
        found, story = self._match_in_context(question, context)
        normalised = normalize(story[:MAX_QUESTION_CHARS * 2])
        guess = infer_region(question[:MAX_QUESTION_CHARS], language_code, region)
        if guess.region is None and story != question:
            guess = infer_region(story[:MAX_QUESTION_CHARS * 2], language_code, region)
        situations = detect_situations(normalised)
        if situations and (found.index is not None or scam_story(normalised) or asks_for_help(normalised)
                           or sum(situation.primary for situation in situations) >= SEVERAL_MECHANISMS):
            return self._story_answer(situations, found, guess, lang, in_contact(normalised, situations))
        if (asks_where_to_report(normalize(question[:MAX_QUESTION_CHARS]))
                and (story != question or (scam_story(normalised) and found.confidence < CONFIDENT_STORY_MATCH))
                and REPORT_ARTICLE in self._by_id):
            # "Who do I call?" after a scam story, or about one retrieval places only loosely: where to
            # report, for the asker's place.
            found = replace(found, index=self.articles.index(self._by_id[REPORT_ARTICLE]))
        if found.index is None:
            titles = [article.title(lang) for article in self.articles if OVERVIEW_TAG in article.tags]
            return Answer(refusal(lang, titles), None, found.confidence, lang, [], None)
        article = self.articles[found.index]
        related = [self._by_id[other] for other in article.related if other in self._by_id]
        if not related:
            related = [self.articles[other] for other in found.runners_up[:2]]
        shown = placed_article(article, guess)
        line = place_line(article, guess, lang)
        text, named = compose(shown, lang, related[:3], place_line=line)
        return Answer(text, article.id, found.confidence, lang, [other.id for other in named], shown.title(lang),
                      region=guess.region if article.id in PLACE_USES or line else None)

    def _match_in_context(self, question: str, context: str | None) -> tuple[Match, str]:
        """The match for `question`, or for it read after `context` when it is a short follow-up or means
        nothing alone; and the text the answer is about."""
        alone = self.match(question)
        if not context or not context.strip():
            return alone, question
        short = len(set(words(normalize(question[:MAX_QUESTION_CHARS])))) <= FOLLOW_UP_WORDS
        if alone.index is not None and not short:
            return alone, question
        story = f"{context.strip()[:MAX_QUESTION_CHARS]} {question}"
        together = self.match(story)
        if together.index is not None and (alone.index is None or short or together.confidence >= alone.confidence):
            return together, story
        return alone, (story if alone.index is None else question)

    def _story_answer(self, situations: tuple[Situation, ...], found: Match, guess: RegionGuess,
                      lang: str, stop_contact: bool = False) -> Answer:
        """The first steps for each situation (after "stop all contact" when the story names a call or chat),
        where to report for the asker's place, then the background articles as related topics; `article` is
        the situations' article retrieval ranks best."""
        leading = [situation for situation in situations if situation.primary] or list(situations)
        candidates = [situation.article for situation in leading if situation.article in self._by_id]
        top = self.articles[found.index].id if found.index is not None else None
        order = {self.articles[index].id: rank for rank, index in enumerate(found.ranking)}
        best = min(candidates, key=lambda article_id: order.get(article_id, len(order)))
        near = set(candidates) | STORY_ARTICLES | {other for article_id in candidates
                                                   for other in self._by_id[article_id].related}
        leads = top is not None and (top in near or found.confidence >= CONFIDENT_STORY_MATCH)
        if leads:
            # Retrieval knows the variant ("a link in a text", "paid by card"): its article is the background,
            # and the steps for what happened lead it. An article far from every situation and only loosely
            # matched ("QR codes in parcels" for a card number given, 0.53) is word overlap, not the variant.
            primary_id = top
        elif MONEY_MOVED in candidates:
            # Money that has moved is what the story is about, whatever else happened on the way to it.
            primary_id = MONEY_MOVED
        else:
            primary_id = best
        primary = self._by_id[primary_id]
        bodies = {}
        for script, key in (("zh-Hans", "zh"), ("zh-Hant", "zh-Hant"), ("en", "en")):
            known, lines, citation = report_lines(guess, script)
            bodies[key] = steps_text(situations, script, (known, lines), stop_contact)
        shown = replace(primary, bodies=bodies, titles={"zh": STEPS_TITLE["zh-Hans"], "zh-Hant": STEPS_TITLE["zh-Hant"],
                                                        "en": STEPS_TITLE["en"]})
        if citation:
            shown = replace(shown, sources=citation)
        background = [primary.id, *candidates]
        if leads:  # what retrieval found is background too ("a fake customs link")
            background.append(top)
        background += primary.related
        related = [self._by_id[other] for other in dict.fromkeys(background) if other in self._by_id]
        text, named = compose(shown, lang, related[:3], reading=STORY_READING_CHARS)
        return Answer(text, primary.id, max(found.confidence, THRESHOLD), lang, [other.id for other in named],
                      STEPS_TITLE[lang], region=guess.region, situations=tuple(s.id for s in situations))

    # -- routing --------------------------------------------------------------------------------------

    def is_question(self, text: str) -> bool:
        """A question to answer, as opposed to a pasted or forwarded message to check for scams."""
        text = (text or "").strip()
        if not text or looks_like_message(text):
            return False
        if has_question_form(text):
            return True
        return len(text) <= SHORT_QUERY_CHARS and self.match(text).index is not None

    def wants_logistics_flow(self, text: str) -> bool:
        """The asker wants to track a parcel or check logistics safely."""
        text = (text or "").strip()
        if not text or looks_like_message(text):
            return False
        found = self.match(text)
        if found.index is not None:
            return self.articles[found.index].id == LOGISTICS_ARTICLE
        return mentions_tracking(text)

    def logistics_flow(self, lang: str = "en") -> list[str]:
        return logistics_steps(_lang(lang))


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    return lang


def _asker_lang(question: str) -> str:
    script = detect_script(question[:2000])
    return script if script in LANGS else "en"


@lru_cache(maxsize=1)
def _default() -> KnowledgeBase:
    return KnowledgeBase(load_articles())
