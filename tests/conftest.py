"""Shared fixtures: small articles written for these tests (no text from ../shared)."""

from __future__ import annotations

import pytest

ARTICLE_ONE = """Rebels pushed back from Tal Hamra after dawn assault

Rebels pushed back from Tal Hamra after dawn assault

Government troops said on Tuesday they had driven militants of the Islamic State out of the village of Tal Hamra, 20 kilometres west of Raqqa, after a two-day battle.

"We entered the village at first light and the fighters ran," said Colonel Rami Haddad, a spokesman for the Syrian army's 17th division.

Col Haddad said four soldiers were killed and nine wounded in the fighting. Isis did not comment.

3/14 A soldier checks the papers of a family leaving Tal Hamra Getty

Aid workers from the International Organization for Migration said about 2,500 people had fled towards Ain Issa since Sunday.

READ MORE: Inside the camps where the displaced wait for winter

Share this article
"""

ARTICLE_TWO = """date 2017-06-20 Coalition aircraft struck positions held by IS near Tabqa on Monday, the US-led coalition said in a statement.

The statement said the strikes destroyed two boats and a fighting position used by ISIL fighters on the southern bank of the lake.

Mr Haddad, who has commanded the advance since it began, told reporters the army would reach the dam "within days".

A man walks past a destroyed shop in the old market of Tabqa on Sunday (Reuters)

The Syrian Observatory for Human Rights said eleven civilians had died in the strikes, a figure the coalition disputed.
"""

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><title>Convoy reaches besieged town | Northern Ledger</title>
<meta property="og:site_name" content="Northern Ledger">
<meta property="article:published_time" content="2017-06-23T08:10:00Z">
<meta name="author" content="Lena Ortiz">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies</div>
<article>
<h1>Convoy reaches besieged town</h1>
<p>A convoy of thirty lorries carrying flour and medicine reached the besieged town of Deir Hafer on Thursday, the first aid to arrive in three months, the United Nations said.</p>
<p>"People queued from before sunrise," said Amal Nasser, who coordinates food distribution for the World Food Programme in the area. "Some had walked for hours."</p>
<figure><img src="a.jpg"><figcaption>Lorries queue at a checkpoint outside the town (AFP)</figcaption></figure>
<p>The agency said the supplies would feed about 12,000 people for a month, but warned that fighting on the road from Aleppo could stop further deliveries.</p>
<p>Local officials said at least 40 families had left the town in the past week because of shortages of bread and fuel.</p>
</article>
<aside><h3>Related</h3><ul><li><a href="/x">Ten things to know about the siege</a></li></ul></aside>
<footer>Copyright 2017 Northern Ledger. All rights reserved.</footer>
</body></html>
"""

FRENCH = (
    "Les forces gouvernementales ont repris mardi le contrôle du village après deux jours de combats, "
    "selon un porte-parole de l'armée. Plusieurs centaines d'habitants ont fui vers le nord pendant la nuit, "
    "et les organisations humanitaires craignent une nouvelle vague de déplacements dans les semaines à venir."
)


@pytest.fixture
def corpus(tmp_path):
    """A small corpus directory with one file of each supported kind."""
    import gzip
    import json

    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "one.txt").write_text(ARTICLE_ONE, encoding="utf-8")
    (root / "sub" / "two.md").write_text(ARTICLE_TWO, encoding="utf-8")
    (root / "page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    records = [
        {"title": "Talks on prisoner exchange stall", "text": "Negotiators from both sides met in Geneva on Friday but failed to agree on a prisoner exchange, "
         "a UN envoy said. The envoy, Ingrid Solberg, said the talks would resume next month.", "date": "2017-07-01",
         "url": "https://www.example-wire.org/talks", "source": "Example Wire"},
        {"title": "Market reopens", "body": "Traders in Manbij reopened the central market on Saturday for the first time since the fighting ended, "
         "local council officials said, and prices of bread fell by half.", "published": "2 July 2017"},
    ]
    (root / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with gzip.open(root / "sub" / "zipped.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("Ceasefire holds in the north\n\nA ceasefire between the army and rebel groups in the north held for a third day on Wednesday, "
                     "residents said, although sporadic shelling was reported near the front line.\n")
    return root


@pytest.fixture(scope="session")
def make_document():
    """Build a document from hand-written sentences through the language layer (needs the spaCy model)."""
    from dateline.entities.stage import EntitiesStage
    from dateline.nlp.stage import SpacyStage
    from tests.documents import document_builder

    return document_builder([SpacyStage, EntitiesStage], None)


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory):
    """The report's hand-built store (events, quotes, a hostile article), shared by the report and web tests."""
    from tests.report.corpus import build_store

    return build_store(tmp_path_factory.mktemp("store") / "dateline.duckdb")


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for every browser test (skipped with a reason when absent)."""
    from tests.report.browser import browser

    yield from browser()
