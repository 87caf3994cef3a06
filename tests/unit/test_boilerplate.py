"""Boilerplate in the raw seed scrapes is found; the news around it survives."""

from __future__ import annotations

from tui.ingest.boilerplate import classify_line
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
