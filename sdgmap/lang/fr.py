"""French: detection words and stop words."""

from spacy.lang.fr.stop_words import STOP_WORDS

from . import LanguageDefaults, register_language

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

LANGUAGE = register_language(
    LanguageDefaults(
        code="fr",
        spacy_lang="fr",
        function_words=frozenset(_FUNCTION_WORDS),
        stop_words=frozenset(STOP_WORDS),
    )
)
