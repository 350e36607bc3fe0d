"""A big story's article pages stay bounded: the share list and the list of who else reports each sentence name a few
articles and count the rest, whatever the story's size (issue 15: output bytes)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from coverage_digest.site.views import MAX_SHARE_ROWS, MAX_TOOLTIP_OUTLETS
from support import build_site

COPIES = MAX_SHARE_ROWS + 4

BODY = (
    "The harbour authority of Westmark closed the northern pier on Tuesday after a crane collapsed onto a cargo ship.",
    "No one was hurt, the authority said in a statement, but 14 vessels were turned away to other ports.",
    "Engineers will inspect the remaining cranes this week before the pier reopens.",
)


def test_article_page_lists_at_most_the_cap_and_counts_the_rest(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(COPIES):
        own = f"Local resident number {i} told reporters the noise woke the whole street at dawn."
        (seeds / f"copy-{i:02d}.txt").write_text("\n\n".join((*BODY, own)) + "\n", encoding="utf-8")
    digest = build_site(seeds, tmp_path / "out")
    assert len(digest["stories"]) == 1 and len(digest["stories"][0]["article_ids"]) == COPIES

    page = next((tmp_path / "out" / "articles").glob("copy-00*.html"))
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    shares = soup.find(id="shares-h").parent
    rows = [li for li in shares.find_all("li") if "reports" in li.get_text()]
    assert len(rows) == MAX_SHARE_ROWS
    others = COPIES - 1
    assert f"{others - MAX_SHARE_ROWS} more articles share fewer of its sentences" in shares.get_text()

    shared = soup.select("span.sentence.shared")
    assert len(shared) >= len(BODY)
    assert not any(span.get("title") for span in shared)  # named once per set of outlets, not per sentence
    sharers = soup.select("ul.sharers li")
    listed = {a["href"][1:]: li.select_one(".who").get_text() for li in sharers for a in li.select("a")}
    for span in shared:
        who = listed[span["id"]]  # every shared sentence is listed with who else reports it
        named = who.split("; and ")[0].split("; ")
        assert len(named) == MAX_TOOLTIP_OUTLETS
        more = int(re.search(r"and (\d+) more articles$", who).group(1))
        assert len(named) + more == others  # every other article is either named or counted
