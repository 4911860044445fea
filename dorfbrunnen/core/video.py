"""What an uploaded sign-language video and its captions really are.

Like the Infopaket's documents (library/files.py), the type is read from the content, never
from the name, and the name's extension must agree: an MP4 file has an `ftyp` box at byte 4,
a WebM file starts with the EBML signature and names its doc type `webm`, a WebVTT file is
UTF-8 text whose first line starts with `WEBVTT`. The browser plays the video with its own
`<video>` element and shows the captions from the `<track>`: no video platform is involved.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

VIDEO_EXTENSIONS = {"mp4": "mp4", "webm": "webm"}
VIDEO_MIME_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
# ISO base media brands that are pictures, not videos (HEIC/AVIF photos share the format).
PICTURE_BRANDS = {b"avif", b"avis", b"heic", b"heix", b"mif1", b"msf1"}
MAX_CAPTIONS_BYTES = 1024 * 1024


def detect_video_kind(head: bytes) -> str | None:
    """ "mp4", "webm" or None, from the first bytes of a file."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return None if head[8:12] in PICTURE_BRANDS else "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return "webm"
    return None


def is_webvtt(data: bytes) -> bool:
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return False
    first_line = text.split("\n", 1)[0].rstrip("\r")
    return first_line == "WEBVTT" or first_line.startswith(("WEBVTT ", "WEBVTT\t"))


def _extension(upload) -> str:
    name = upload.name or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _read(upload, size: int) -> bytes:
    upload.seek(0)
    data = upload.read(size)
    upload.seek(0)
    return data


def validate_sign_video(upload) -> None:
    """An MP4 or WebM video within SIGN_VIDEO_MAX_UPLOAD_MB whose content matches its name.
    Raises ValidationError with a message for the office."""
    extension = _extension(upload)
    expected = VIDEO_EXTENSIONS.get(extension)
    if expected is None:
        raise ValidationError(
            _("Bitte laden Sie das Video als MP4- oder WebM-Datei hoch."), code="file_type"
        )
    limit = settings.SIGN_VIDEO_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("Das Video ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if detect_video_kind(_read(upload, 64)) != expected:
        raise ValidationError(
            _(
                "Der Inhalt der Datei passt nicht zur Endung „.%(extension)s“ – sie ist "
                "beschädigt oder kein Video. Bitte speichern Sie das Video noch einmal als "
                "MP4 oder WebM."
            )
            % {"extension": extension},
            code="file_content",
        )


def validate_captions(upload) -> None:
    """A WebVTT file (UTF-8 text starting with „WEBVTT“) of at most 1 MB."""
    if _extension(upload) != "vtt":
        raise ValidationError(
            _("Bitte laden Sie die Untertitel als WebVTT-Datei (.vtt) hoch."), code="file_type"
        )
    if upload.size > MAX_CAPTIONS_BYTES:
        raise ValidationError(
            _("Die Untertitel-Datei ist zu groß (höchstens 1 MB)."), code="file_too_large"
        )
    if not is_webvtt(_read(upload, MAX_CAPTIONS_BYTES)):
        raise ValidationError(
            _(
                "Das ist keine WebVTT-Datei: Sie muss als UTF-8-Text gespeichert sein und mit "
                "der Zeile „WEBVTT“ beginnen."
            ),
            code="file_content",
        )
