"""Wagtail's user admin, so that the office can manage accounts without becoming superuser.

Wagtail lets anyone with `auth.change_user` edit every account – a superuser's password and
e-mail included – and tick „Administrator“ on any other account. The office manages
volunteers' and members' accounts; superusers stay the superusers' business: a
non-superuser neither sees nor opens a superuser's account, nor deactivates, deletes or
regroups it through the listing's bulk actions, and cannot make anyone one.
"""

from django import forms
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from .scoping import ScopedBulkActionMixin, ScopedIndexMixin, ScopedViewSetMixin


def accounts_in_scope(user, queryset):
    return queryset if user.is_superuser else queryset.filter(is_superuser=False)


class NoSuperuserFieldMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser and "is_superuser" in form.fields:
            # Kept (Wagtail's template renders it), but hidden and not taken from the request.
            field = form.fields["is_superuser"]
            field.disabled = True
            field.widget = forms.HiddenInput()
        return form


class UserIndexView(ScopedIndexMixin, wagtail_users.IndexView):
    pass


class UserCreateView(NoSuperuserFieldMixin, wagtail_users.CreateView):
    pass


class UserEditView(NoSuperuserFieldMixin, wagtail_users.EditView):
    pass


class UserViewSet(ScopedViewSetMixin, wagtail_users.UserViewSet):
    index_view_class = UserIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView


# Wagtail's bulk actions for users, with the accounts' scope: registered after Wagtail's own
# (core/wagtail_hooks.py), they take their place.
SCOPED_USER_BULK_ACTIONS = [
    type(action.__name__, (ScopedBulkActionMixin, action), {})
    for action in (AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction)
]
