"""German text helpers."""

UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def transliterate_german(text: str) -> str:
    """'Mütterzentrum Groß' → 'Muetterzentrum Gross', as Germans write without umlauts."""
    return text.translate(UMLAUTS)


MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """A search query without control characters (a NUL breaks the full-text engines) and
    without double quotes (SQLite's full-text search fails on an unpaired one, wagtail#13227;
    no search here offers phrases), whitespace collapsed, at most MAX_QUERY_LENGTH
    characters."""
    printable = "".join(char for char in raw if (char.isprintable() or char == " ") and char != '"')
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]
