"""Rules of session 23, each with sentences written for the test (not taken from a gold set)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_observations import observe
from test_observations_unseen import by_value

from ecokg.extract.lexicon import Lexicon


@pytest.mark.parametrize("opening", ["全县现有", "全市共有"])
def test_a_stock_as_it_stands_now_has_no_period(lexicon: Lexicon, opening: str) -> None:
    text = f"{opening}护林员1260名，其中专职护林员380名。"
    found = by_value(observe(text, lexicon, published="2025-05-20"))
    assert found[Decimal(1260)].period.code is None
    assert found[Decimal(380)].period.code is None


def test_a_stock_dated_in_its_statement_keeps_the_date(lexicon: Lexicon) -> None:
    text = "2024年，全县现有护林员1260名。截至2024年底，全县已建成污水处理站38座。"
    found = by_value(observe(text, lexicon, published="2025-05-20"))
    assert found[Decimal(1260)].period.code == "2024"
    assert found[Decimal(38)].period.code == "cumulative"


def test_a_running_total_without_a_time_is_still_one(lexicon: Lexicon) -> None:
    text = "全县已建成污水处理站38座，累计完成造林2.6万亩。"
    found = by_value(observe(text, lexicon, published="2025-05-20"))
    assert found[Decimal(38)].period.code == "cumulative"
    assert found[Decimal("2.6E4")].period.code == "cumulative"
