"""Timeline17 articles as ordinary text: undo the tokenization and write them as Dateline input.

    python bench/t17.py --topics LibyaWar_cnn,EgyptianProtest_cnn --out /tmp/t17-input

T17's ``text`` is tokenized (spaces around punctuation, ``-LRB-``/``-RRB-`` for brackets, ````` ``
and ``''`` for double quotes). :func:`detokenize` rebuilds wire copy from it deterministically, so the
offsets a gold set stores into that text stay valid. Each article becomes one JSONL record with
``text``, ``date`` (the article's ``dct``), ``outlet`` and a ``url`` that names topic and uid
(``https://t17.example/<topic>/<uid>``), which is how benches map Dateline's documents back.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench" / "timelines" / "t17"
URL_PREFIX = "https://t17.example/"
BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|'S\b|n't\b|N'T\b|'re\b|'ve\b|'m\b|'ll\b|'d\b|'RE\b|'M\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_OPEN_QUOTE = re.compile(r"`` ?")
_OPEN_SINGLE = re.compile(r"` ")
_CLOSE_QUOTE = re.compile(r" ?''")
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True, slots=True)
class Article:
    topic: str
    uid: str
    dct: str
    text: str  # detokenized

    @property
    def url(self) -> str:
        return f"{URL_PREFIX}{self.topic}/{self.uid}"

    @property
    def key(self) -> str:
        return f"{self.topic}/{self.uid}"


def detokenize(text: str) -> str:
    """Tokenized T17 text → ordinary prose (deterministic; no meaning is added)."""
    for token, char in BRACKETS.items():
        text = text.replace(token, char)
    text = _OPEN_QUOTE.sub('"', text)
    text = _CLOSE_QUOTE.sub('"', text)
    text = _OPEN_SINGLE.sub("'", text)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r" (--|-) ", r" \1 ", text)
    return _SPACES.sub(" ", text).strip()


def outlet_of(topic: str) -> str:
    return {"cnn": "CNN", "bbc": "BBC", "guardian": "The Guardian", "reuters": "Reuters",
            "foxnews": "Fox News", "washingtonpost": "The Washington Post"}.get(topic.rsplit("_", 1)[-1], topic)


def load_articles(data: Path, topics: Sequence[str]) -> list[Article]:
    out = []
    for topic in topics:
        for row in json.loads((data / topic / "articles.json").read_text(encoding="utf-8")):
            out.append(Article(topic=topic, uid=str(row["uid"]), dct=row["dct"][:10], text=detokenize(row["text"])))
    return out


def records(articles: Sequence[Article]) -> Iterator[dict[str, str]]:
    for a in articles:
        yield {"text": a.text, "date": a.dct, "outlet": outlet_of(a.topic), "url": a.url}


def write_jsonl(articles: Sequence[Article], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records(articles):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def key_from_url(url: str | None) -> str | None:
    return url[len(URL_PREFIX):] if url and url.startswith(URL_PREFIX) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--topics", default="LibyaWar_cnn,EgyptianProtest_cnn")
    parser.add_argument("--out", type=Path, required=True, help="folder for articles.jsonl")
    args = parser.parse_args()
    articles = load_articles(args.data, args.topics.split(","))
    path = write_jsonl(articles, args.out / "articles.jsonl")
    print(json.dumps({"articles": len(articles), "path": str(path)}))


if __name__ == "__main__":
    main()
