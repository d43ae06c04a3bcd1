"""Language registry: each language is data (function words, stop words) plus its spaCy code.

Add a language by writing a module like ``en.py`` and decorating its defaults with
``@register_language``; nothing else in the library names a language.
"""

from . import en, fr  # noqa: F401  (registers the bundled languages)
from ._registry import LanguageDefaults, get_language, register_language, registered_languages

__all__ = ["LanguageDefaults", "register_language", "get_language", "registered_languages"]
