import pytest

from sdgmap import TextProcessor, detect_language


@pytest.mark.parametrize(
    "text, language",
    [
        ("A shared garden where neighbours grow vegetables together.", "en"),
        ("Un jardin partagé où les voisins cultivent des légumes ensemble.", "fr"),
        ("Atelier de réparation de vélos", "fr"),
        ("Bike repair workshop for the neighbourhood", "en"),
        ("L'association accompagne les familles.", "fr"),
        ("", "en"),
    ],
)
def test_language_detection(text, language):
    assert detect_language(text) == language


def test_offsets_point_into_the_original_text():
    text = "Les jardins partagés 🌱 du quartier\n\naccueillent l’école. Ça pousse ! Ça pousse !"
    doc = TextProcessor().process(text)
    for start, end in zip(doc.starts, doc.ends):
        assert text[start:end].strip() == text[start:end] and text[start:end]
    assert [text[doc.starts[i]:doc.ends[i]] for i in range(3)] == ["Les", "jardins", "partagés"]


def test_sentences_split_on_punctuation_and_blank_lines():
    text = "Title of the project\n\nWe repair bikes. We lend tools! Everyone is welcome"
    doc = TextProcessor().process(text)
    spans = [text[slice(*doc.sentence_span(i))] for i in range(len(doc.sentences))]
    assert spans == ["Title of the project", "We repair bikes.", "We lend tools!", "Everyone is welcome"]


def test_lemma_table_normalises_inflections_and_case():
    processor = TextProcessor({"fr": {"jardins": "jardin", "partagés": "partager"}})
    doc = processor.process("Jardins Partagés", language="fr")
    assert doc.lemmas == ("jardin", "partager")


def test_stop_words_and_punctuation_are_not_content():
    doc = TextProcessor().process("The garden, and the 2024 harvest.", language="en")
    content = [lemma for lemma, keep in zip(doc.lemmas, doc.content) if keep]
    assert content == ["garden", "harvest"]


def test_long_text_is_truncated_with_a_warning():
    processor = TextProcessor(max_length=50)
    with pytest.warns(UserWarning, match="W001"):
        doc = processor.process("word " * 100)
    assert doc.truncated and len(doc.text) == 50


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["a list"]])
def test_non_text_is_a_type_error(bad):
    with pytest.raises(TypeError, match="E001"):
        TextProcessor().process(bad)


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="E003"):
        TextProcessor().process("hola", language="es")


# -- web-page noise: entities, tags and invisible characters ---------------------------------


def test_html_entities_are_read_as_the_characters_they_stand_for(model):
    noisy = "Potager des Tilleuls&nbsp;: parcelles partag&eacute;es &amp; compost, l&#39;&eacute;picerie solidaire."
    plain = "Potager des Tilleuls : parcelles partagées & compost, l'épicerie solidaire."
    assert model.classify(noisy).sdgs == model.classify(plain).sdgs
    # Evidence offsets still point into the text as given, entities included.
    result = model.classify(noisy, evidence=True)
    assert result.evidence
    for item in result.evidence:
        assert noisy[item.start : item.end] == item.text
    # "&amp;" is not the word "amp".
    assert not any("amp" in item.text.replace("&amp;", "") for item in result.evidence)


def test_tags_and_invisible_characters_do_not_change_the_reading(model):
    plain = "A citizen solar cooperative sells renewable power to members."
    noisy = "<p>A citizen solar\u200b cooperative\x00 sells renewable<br/>power\u2060 to members.</p>"
    assert model.classify(noisy).sdgs == model.classify(plain).sdgs
    result = model.classify(noisy, evidence=True)
    for item in result.evidence:
        assert noisy[item.start : item.end] == item.text
