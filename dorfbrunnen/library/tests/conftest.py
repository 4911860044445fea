import pytest
from django.test import Client


@pytest.fixture
def member(demo, django_user_model):
    return django_user_model.objects.get(username=demo.member_username)


@pytest.fixture
def member_client(member):
    """A second browser, logged in as the demo member (`client` stays anonymous)."""
    client = Client()
    client.force_login(member)
    return client
