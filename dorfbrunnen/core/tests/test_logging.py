import json
import logging

from django.test import RequestFactory

from dorfbrunnen.core.logging import JsonFormatter


def test_log_lines_are_json_with_request_context():
    record = logging.makeLogRecord(
        {
            "name": "django.request",
            "levelname": "ERROR",
            "levelno": 40,
            "msg": "Internal Server Error: %s",
            "args": ("/zentren/",),
            "request": RequestFactory().get("/zentren/"),
            "status_code": 500,
        }
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "Internal Server Error: /zentren/"
    assert (entry["level"], entry["path"], entry["status"]) == ("ERROR", "/zentren/", 500)
