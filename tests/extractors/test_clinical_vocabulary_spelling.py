"""A British spelling of a clinical word is a clinical word: never redacted as a name."""

from __future__ import annotations

import pytest

from extractors.redact.clinical_vocabulary import is_clinical_word


@pytest.mark.parametrize("word", ["Melaena", "oedema", "Haematemesis", "Diarrhoea", "anaemia"])
def test_a_british_spelling_of_a_clinical_word_is_clinical(word: str) -> None:
    assert is_clinical_word(word)


@pytest.mark.parametrize("word", ["Gael", "Michael", "Rafael"])
def test_a_name_with_the_same_letters_stays_a_name(word: str) -> None:
    assert not is_clinical_word(word)
