"""Set-up code run once per migrate (or test flush), after every app's own post_migrate."""

from collections.abc import Callable

from django.apps import apps
from django.db.models.signals import post_migrate

_handlers: dict[str, tuple[int, Callable[[], None]]] = {}


def _run_handlers(sender, **kwargs) -> None:
    # Content types and permissions are made by post_migrate receivers that run
    # app by app; only after the last app are all of them there.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:
        return
    for _order, handler in sorted(_handlers.values(), key=lambda item: item[0]):
        handler()


def after_all_migrations(handler: Callable[[], None], *, uid: str, order: int) -> None:
    """Call handler, in order with the others, once post_migrate reaches the last app."""
    _handlers[uid] = (order, handler)
    post_migrate.connect(_run_handlers, dispatch_uid="core.after_all_migrations")
