"""askbot: ask a network's meeting minutes who said what, with citations."""

__version__ = "0.1.0"
