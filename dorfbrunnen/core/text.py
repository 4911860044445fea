"""German text helpers."""

UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def transliterate_german(text: str) -> str:
    """'Mütterzentrum Groß' → 'Muetterzentrum Gross', as Germans write without umlauts."""
    return text.translate(UMLAUTS)
