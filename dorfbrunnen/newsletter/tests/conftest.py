import pytest


@pytest.fixture
def smtp_sink(settings):
    """Django sends through a real SMTP server; the test reads what arrived."""
    from .smtp import smtp_mailers, start_sink

    sink, controller, port = start_sink()
    settings.MAILERS = smtp_mailers(port)
    yield sink
    controller.stop()
