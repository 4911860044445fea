"""Who may see subscriptions in the admin: whoever holds the model permissions (the office);
nobody else sees a single row. One policy for every screen of subscriptions. Nobody adds one
by hand there: a subscription comes with its consent, from the form or the import."""

from dorfbrunnen.core.scoping import ScopedPolicy

from .models import Subscriber


def subscribers_in_scope(user, queryset):
    return queryset if user.has_perm("newsletter.view_subscriber") else queryset.none()


subscriber_policy = ScopedPolicy(Subscriber, scope=subscribers_in_scope, refused=["add"])
