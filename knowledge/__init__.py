"""The knowledge base: cited, bilingual answers to shoppers' privacy questions.

    from knowledge import KnowledgeBase
    kb = KnowledgeBase.default()
    answer = kb.ask("快递单怎么处理")
"""

from knowledge.answer import Answer
from knowledge.articles import Article
from knowledge.base import KnowledgeBase

__all__ = ["Answer", "Article", "KnowledgeBase"]
