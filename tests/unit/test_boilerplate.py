"""Boilerplate in the raw seed scrapes is found; the news around it survives."""

from __future__ import annotations

from tui.ingest.boilerplate import classify_line
from tui.ingest.document import analyse
from tui.ingest.loading import LoadedText
from tui.model import Comparison


def texts(news: Comparison, name: str) -> tuple[list[str], list[str]]:
    document = next(d for d in news.documents if d.name == name)
    return [s.text for s in document.sentences], [b.text for b in document.boilerplate]


def test_paywall_and_price_table_are_boilerplate(news: Comparison) -> None:
    sentences, furniture = texts(news, "business-standard.txt")
    joined = " ".join(furniture)
    for phrase in [
        "free articles this month",
        "₹900",
        "3 Months",
        "Super Saver",
        "Archives",
        "Renews automatically",
        "Access Business Standard across devices",
    ]:
        assert phrase in joined
    assert not any("Subscribe" in s or "₹" in s or "Archives" in s for s in sentences)
    assert sentences[-1].startswith("While North Korea since then has refrained")
    assert furniture[-1] == ")"


def test_cookie_notice_stray_letter_and_credit(news: Comparison) -> None:
    sentences, furniture = texts(news, "cbs-news.txt")
    assert any("use cookies" in text for text in furniture)
    assert "f" in furniture
    assert any("contributed to this report" in text for text in furniture)
    assert sentences[-1].startswith("The latest round of talks")
    assert sentences[1].startswith("UPDATE: A National Security Council official")


def test_slug_and_read_more(news: Comparison) -> None:
    sentences, furniture = texts(news, "bbc.txt")
    assert furniture == ["what-did-donald-trump-and-kim-jong-un-actually-agree-to", "READ MORE"]
    assert sentences[-1].startswith("North Korea has been the subject")


def test_news_sentences_about_subscriptions_survive() -> None:
    assert (
        classify_line(
            "Netflix said subscribers who subscribe now will keep their price, while analysts "
            "expect the company to raise fees for millions of existing members in Europe next year."
        )
        is None
    )
    assert classify_line("The company uses cookies.") == "cookie"
    assert classify_line("Subscribe now for unlimited access.") == "paywall"


CAPTIONED = (
    "Trump cancels new sanctions\n"
    "WASHINGTON - President Trump said on Friday that he had cancelled the sanctions.\n"
    "Image\n"
    "President Trump speaking to reporters at the Capitol.CreditJoshua Roberts/Reuters\n"
    "The Treasury had announced the sanctions a day earlier.\n"
)


def test_a_caption_glued_to_its_photo_credit_is_credit_boilerplate() -> None:
    assert (
        classify_line("President Trump speaking at the Capitol.CreditJoshua Roberts/Reuters")
        == "credit"
    )
    assert classify_line("Credit Joshua Roberts/Reuters") == "credit"
    assert classify_line("Photo credit: Evan Vucci/AP") == "credit"


def test_a_glued_credit_never_becomes_part_of_a_sentence() -> None:
    document = analyse(LoadedText("nyt.txt", None, CAPTIONED, "utf-8"))
    assert [b.kind for b in document.boilerplate if "Credit" in b.text] == ["credit"]
    assert not any("Credit" in s.text or "Capitol" in s.text for s in document.sentences)
    assert document.sentences[-1].text.startswith("The Treasury had announced")


def test_credit_in_ordinary_sentences_is_not_furniture() -> None:
    for line in [
        "Credit card debt rose again in May/June, the central bank said.",
        "The minister was discredited.Critics said so.",
        "Credit Suisse shares fell sharply on Monday after the report.",
    ]:
        assert classify_line(line) is None, line
