"""cngov-kg: a knowledge graph of programs, places and agencies from Chinese local-government news."""

__version__ = "0.1.0"
