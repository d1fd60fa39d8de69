"""Finding advice to change passwords on a schedule, which current guidance (NIST SP 800-63B-4, the NCSC) rejects.

Shared by the article and UI-text regression tests: ShopSafe once told users to change passwords every 30 to
180 days and credited NIST for it.
"""

from __future__ import annotations

import re

# "Change every N days/months" or "change regularly", in English or Chinese.
PERIODIC_CHANGE = re.compile(
    r"(每|每隔|定期)\s*\d*\s*(到|至|-)?\s*\d*\s*(天|个月|個月)?\s*(更?换|更改|修改|改)\s*(一次)?\s*密[码碼]"
    r"|定期(更换|更改|修改|改|换|更換|換)"
    r"|每\s*\d+\s*((到|至|-|~)\s*\d+\s*)?(天|个月|個月)"
    r"|(change|rotate|update)\w* (your |all |the )?passwords? every \d+"
    r"|every \d+ (to \d+ )?(days|months)",
    re.I,
)


_NEGATION = re.compile(r"不|无需|無需|别|別|\bnot?\b|never|n't", re.I)


def advises_periodic_change(text: str) -> str | None:
    """The first clause of `text` that advises changing passwords on a schedule; a clause saying not to is fine."""
    for clause in re.split(r"[。；;:：!?！？\n•]|(?<=\w)\.(?=\s|$)", text):
        if not _NEGATION.search(clause) and PERIODIC_CHANGE.search(clause):
            return clause.strip()
    return None


