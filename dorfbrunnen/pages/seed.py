"""The association's own home page text, split into the home page's fields.

`seed/homepage.txt` is the NRW association's text, used word for word. Its shape: a
greeting line, three welcome paragraphs, the Infopaket teaser (title, text), the Fachtag
teaser (title, subtitle, two paragraphs), then blank-line separated sections of a title and
a text. Another association's file (`setup_site --home-text FILE`) may be simpler: a
greeting line and welcome paragraphs, then the same sections; it then has no teasers.
"""

from dataclasses import dataclass
from pathlib import Path

SEED_FILE = Path(__file__).parent / "seed" / "homepage.txt"


@dataclass(frozen=True)
class HomeSeed:
    welcome_title: str
    welcome_paragraphs: list[str]
    library_title: str
    library_text: str
    fachtag_title: str
    fachtag_subtitle: str
    fachtag_paragraphs: list[str]
    sections: list[tuple[str, str]]


TEASER_HEAD_LINES = 10


def read_home_seed(path: Path = SEED_FILE) -> HomeSeed:
    blocks = [block for block in path.read_text(encoding="utf-8").split("\n\n") if block.strip()]
    head = blocks[0].strip().splitlines()
    sections = []
    for block in blocks[1:]:
        title, *text = block.strip().splitlines()
        sections.append((title, " ".join(text)))
    if len(head) < TEASER_HEAD_LINES:
        return HomeSeed(head[0], head[1:], "", "", "", "", [], sections)
    return HomeSeed(
        welcome_title=head[0],
        welcome_paragraphs=head[1:4],
        library_title=head[4],
        library_text=head[5],
        fachtag_title=head[6],
        fachtag_subtitle=head[7],
        fachtag_paragraphs=head[8:10],
        sections=sections,
    )
