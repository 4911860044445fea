"""German text helpers."""

UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def transliterate_german(text: str) -> str:
    """'Mütterzentrum Groß' → 'Muetterzentrum Gross', as Germans write without umlauts."""
    return text.translate(UMLAUTS)


def whole_number(text) -> int | None:
    """The number `text` writes with the digits 0–9 alone, else None. `str.isdigit` also
    accepts „²“, on which `int()` fails, and other scripts' digits, which no form here
    offers: every number read from a request or a header goes through here."""
    text = str(text)
    return int(text) if text.isascii() and text.isdigit() else None


MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """A search query without control characters (a NUL breaks the full-text engines) and
    without double quotes (SQLite's full-text search fails on an unpaired one, wagtail#13227;
    no search here offers phrases), whitespace collapsed, at most MAX_QUERY_LENGTH
    characters."""
    printable = "".join(char for char in raw if (char.isprintable() or char == " ") and char != '"')
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]
