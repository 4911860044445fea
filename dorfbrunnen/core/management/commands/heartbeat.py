"""Every minute with the periodic jobs: records that they run, and asks the task worker to
record that it runs too. The go-live checklist warns when either falls silent."""

import logging

from django.core.management.base import BaseCommand

from dorfbrunnen.core.tasks import heartbeat_record, worker_heartbeat

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Lebenszeichen der regelmäßigen Aufgaben und des Hintergrund-Workers."

    def handle(self, *args, **options):
        heartbeat_record("periodic")
        try:
            worker_heartbeat.enqueue()
        except Exception:  # the queue's database being away is reported elsewhere
            logger.exception("Could not enqueue the worker's heartbeat")
