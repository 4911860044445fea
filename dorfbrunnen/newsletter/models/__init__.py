from .pages import NewsletterArchivePage, NewsletterIssuePage, NewsletterPage
from .sending import Delivery, NewsletterSend, RenderedIssue, SendingPace
from .subscriptions import Consent, ConsentText, NewsletterList, Subscriber, new_token

__all__ = [
    "Consent",
    "ConsentText",
    "Delivery",
    "NewsletterArchivePage",
    "NewsletterIssuePage",
    "NewsletterList",
    "NewsletterPage",
    "NewsletterSend",
    "RenderedIssue",
    "SendingPace",
    "Subscriber",
    "new_token",
]
