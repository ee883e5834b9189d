"""askbot's Telegram front-end: a thin client of the askbot HTTP service.

`bot.app.run(settings)` is what `askbot bot` calls; `bot.app.build_application` wires it.
"""

__all__ = ["build_application", "run"]


def __getattr__(name: str):  # keep `import bot` light; telegram is imported on first use
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
