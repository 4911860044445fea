from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)(?P<filename>download\.zip|ordner\.pdf)$",
        views.binder_file,
        name="binder_file",
    ),
]
