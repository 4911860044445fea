"""Edit-form panels that show something about the saved object rather than a field – a
button to its participants, the people who look after it."""

from wagtail.admin.panels import Panel


class InstancePanel(Panel):
    """Renders `template` with `instance` (the object being edited) and `request`; shown
    only once the object exists, and when `shown(instance, request)` says so."""

    def __init__(self, template, shown=None, **kwargs):
        super().__init__(**kwargs)
        self.template = template
        self.shown = shown

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "template": self.template, "shown": self.shown}

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template

        def is_shown(self):
            if self.instance is None or self.instance.pk is None:
                return False
            return self.panel.shown is None or self.panel.shown(self.instance, self.request)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(instance=self.instance, request=self.request)
            return context
