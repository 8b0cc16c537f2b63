"""Known sources named in a passage: whole words, case and accents aside, the longest name first."""

from claims.language.names import NameIndex

INDEX = NameIndex(
    [
        ("openai", "OpenAI"),
        ("oracle", "Oracle"),
        ("wsj", "The Wall Street Journal"),
        ("softbank", "SoftBank"),
        ("ge", "GE"),
        ("societe-generale", "Société Générale"),
    ]
)


def keys(text: str) -> list[str]:
    return [key for _, _, key in INDEX.find(text)]


def test_every_known_name_is_found_in_text_order():
    assert keys("OpenAI a signé avec Oracle, selon le Wall Street Journal.") == ["openai", "oracle", "wsj"]


def test_case_accents_and_a_leading_article_do_not_matter():
    assert keys("la societe generale et the wall street journal") == ["societe-generale", "wsj"]


def test_a_name_is_matched_as_whole_words_only():
    assert keys("Oracles and softbanks are not Oracle's") == ["oracle"]


def test_names_of_two_letters_are_left_out():
    assert keys("GE and AI") == [] and len(INDEX) == 5


def test_offsets_point_at_the_name_as_written():
    text = "Selon le Wall Street Journal, OpenAI…"
    spans = INDEX.find(text)
    assert [text[start:end] for start, end, _ in spans] == ["Wall Street Journal", "OpenAI"]
