"""briefgen knows no topic: nothing under briefgen/ or templates/ names a country, party or subject of the shipped
library; those live in the library (content/, its vocabulary.yaml above all)."""
from __future__ import annotations

import re
from pathlib import Path

from tests.support.paths import REPO as ROOT

TEXT_FILES = ("*.py", "*.j2", "*.yaml", "*.yml", "*.css", "*.html", "*.md", "*.txt", "*.json")
# Codes as whole words, written exactly so (not "en-US", "US Letter" (a paper size), "JPEG", "focus").
CODES = r"(?<![-\w.])(?:US(?! Letter)|U\.S\.|JP|ROK|DPRK|PRC|PLA|USFK)(?![-\w])"
# Names, in any letter case, as whole words ("Japanese", "Korean", as language names in a font hint, are not).
NAMES = (r"(?i:\b(?:japan|korea|korean peninsula|china|taiwan|pyongyang|beijing|seoul|tokyo|washington|"
         r"trilateral|camp david|freedom edge|aegis|thaad|kim jong|indo-pacific|northeast asia)\b)")
TOPIC = re.compile(f"{CODES}|{NAMES}")


def topic_words(text: str) -> list[str]:
    """Each place ``text`` names the shipped library's topic, as ``line: match``."""
    return [f"{text.count(chr(10), 0, m.start()) + 1}: {m.group()}" for m in TOPIC.finditer(text)]


def test_the_pattern_finds_topic_words_and_not_their_look_alikes() -> None:
    assert [m.split(": ")[1] for m in topic_words("US, U.S. and ROK forces; Japan; the Trilateral plan; Seoul\n"
                                                   "DPRK and China; TRILATERAL")] == \
        ["US", "U.S.", "ROK", "Japan", "Trilateral", "Seoul", "DPRK", "China", "TRILATERAL"]
    assert topic_words("en-US, US Letter, JPEG, focus, USE, status, Japanese or Korean fonts, BUSINESS") == []


def test_no_code_or_template_names_the_shipped_librarys_topic() -> None:
    found = []
    for folder in (ROOT / "briefgen", ROOT / "templates"):
        for pattern in TEXT_FILES:
            for path in sorted(folder.rglob(pattern)):
                if "__pycache__" in path.parts:
                    continue
                found += [f"{path.relative_to(ROOT)}:{hit}" for hit in topic_words(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_shipped_library_does_name_them_so_the_pattern_is_live() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(ROOT / "content").glob("*.yaml")))
    words = {m.split(": ")[1] for m in topic_words(text)}
    assert {"US", "JP", "ROK", "Japan", "trilateral"} <= words
