"""The explainable scam detector: catalog of scam mechanisms, normalisation, matching and scoring.

    from scam_patterns import Detector
    verdict = Detector.default().check(text)   # verdict.verdict, .score, .patterns, .evidence, .advice(lang)
"""

from scam_patterns.detector import Detector
from scam_patterns.verdict import CheckResult, Entities, Evidence, PatternHit, Verdict

__all__ = ["CheckResult", "Detector", "Entities", "Evidence", "PatternHit", "Verdict"]
