"""Reads for the office's screens: how far a send has got, how many each list reaches."""

from django.db.models import Count, Q

from .models import Delivery, NewsletterList, NewsletterSend, Subscriber
from .services import STUCK_AFTER

Status = Delivery.Status


def progress_counts():
    """Annotations of a send queryset: sent, waiting, sending, failed, skipped."""
    return {
        "count_sent": Count("deliveries", filter=Q(deliveries__status=Status.SENT)),
        "count_waiting": Count(
            "deliveries", filter=Q(deliveries__status__in=[Status.QUEUED, Status.RETRY])
        ),
        "count_sending": Count("deliveries", filter=Q(deliveries__status=Status.SENDING)),
        "count_failed": Count("deliveries", filter=Q(deliveries__status=Status.FAILED)),
        "count_skipped": Count("deliveries", filter=Q(deliveries__status=Status.SKIPPED)),
    }


def sends_with_progress(queryset=None):
    queryset = NewsletterSend.objects.all() if queryset is None else queryset
    return (
        queryset.annotate(**progress_counts())
        .select_related("issue", "created_by")
        .prefetch_related("lists")
        .order_by("-send_at", "-pk")
    )


def lists_with_counts():
    """Each list with how many confirmed subscribers it reaches."""
    return NewsletterList.objects.annotate(
        receiving=Count("subscribers", filter=Q(subscribers__status=Subscriber.Status.CONFIRMED))
    )


def problem_deliveries(send: NewsletterSend, limit: int = 50):
    """Rows the office should look at: left „wird gesendet“, or failed."""
    from django.utils import timezone

    return (
        send.deliveries.filter(
            Q(status=Status.FAILED)
            | Q(status=Status.SENDING, handed_over_at__lt=timezone.now() - STUCK_AFTER)
        )
        .select_related("subscriber")
        .order_by("status", "pk")[:limit]
    )
