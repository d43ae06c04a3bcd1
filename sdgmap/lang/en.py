"""English: detection words and cognate endings (stop words: spaCy's, read on first use)."""

from ._registry import LanguageDefaults, register_language

# Frequent in English, rare or absent in French text.
_FUNCTION_WORDS = set(
    """
the of and to in is are was were for with that this these those from by at as it its
be been has have had which who whom their they them our we you your he she his her an
or not but can will would should could into about than then there where when what how
more most also such other all any each many some through between over under after before
while during against within without across using used use helps help people
""".split()
)

LANGUAGE = register_language(
    LanguageDefaults(
        code="en",
        spacy_lang="en",
        function_words=frozenset(_FUNCTION_WORDS),
    )
)
