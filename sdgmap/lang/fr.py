"""French: detection words and cognate endings (stop words: spaCy's, read on first use)."""

from ._registry import LanguageDefaults, register_language

# Frequent in French, rare or absent in English text (elided forms included).
_FUNCTION_WORDS = set(
    """
le la les un une des du de d' l' au aux et est sont été être avec pour par sur dans
ce cet cette ces qui que qu' dont où son sa ses leur leurs nous vous ils elles il elle
ne pas plus mais ou donc car aussi très entre chez sans sous après avant pendant lors
tout tous toute toutes autre autres chaque afin ainsi comme même depuis vers c' n' s'
j' y en à personnes accompagne propose habitants quartier
""".split()
)

# French → English word endings, most specific first; "" keeps the word as it is
# ("pollution", "agriculture"). Tried only on words the model does not know.
_COGNATE_ENDINGS = (
    ("", ""),
    ("ete", "ety"),
    ("ite", "ity"),
    ("ie", "y"),
    ("ique", "ic"),
    ("ique", "ical"),
    ("isme", "ism"),
    ("iste", "ist"),
    ("if", "ive"),
    ("ionnel", "ional"),
    ("el", "al"),
    ("aire", "ary"),
    ("eur", "or"),
    ("teur", "ter"),
    ("er", "ate"),
    ("er", "e"),
    ("e", ""),
)

LANGUAGE = register_language(
    LanguageDefaults(
        code="fr",
        spacy_lang="fr",
        function_words=frozenset(_FUNCTION_WORDS),
        cognate_endings=_COGNATE_ENDINGS,
        vectors="fr_core_news_md",
        hint_letters="éèêàâçùûîôœë",
    )
)
