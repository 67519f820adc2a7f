"""The labelled NDA set for `attest eval summaries`: 40 real NDAs picked from ContractNLI.

ContractNLI (Koreeda & Manning, 2021, CC BY 4.0) ships 607 NDAs as JSON; the shared corpus
holds its dev and test parts (184). The rule that picks them is fixed and blind to their
content: the 40 whose file name has the smallest SHA-256; a document goes to the dev part when
SHA-256 of "split:" + file name is even, else to the held-out part. Each is written as
`documents/nda-<first 10 hex digits of the name's hash>.txt`, its text as released.

The labels (parties, governing law, effective date, term) were written by reading each
document; this module only copies the documents and records where each came from.

    python -m corpora.nda_summaries CONTRACT_NLI_DIR OUT_DIR
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

COUNT = 40


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def split_of(file_name: str) -> str:
    return "dev" if int(_sha("split:" + file_name), 16) % 2 == 0 else "heldout"


def document_name(file_name: str) -> str:
    return f"nda-{_sha(file_name)[:10]}.txt"


def select(source: Path, count: int = COUNT) -> list[dict[str, str]]:
    """The picked documents: name, split, ContractNLI file name and URL, text."""
    documents = [
        document
        for part in ("dev.json", "test.json")
        for document in json.loads((source / part).read_text())["documents"]
    ]
    documents.sort(key=lambda document: _sha(document["file_name"]))
    return [
        {
            "name": document_name(document["file_name"]),
            "split": split_of(document["file_name"]),
            "source_file": document["file_name"],
            "url": document["url"],
            "text": document["text"],
        }
        for document in documents[:count]
    ]


def write(source: Path, out: Path) -> int:
    picked = select(source)
    (out / "documents").mkdir(parents=True, exist_ok=True)
    sources = {}
    for document in picked:
        (out / "documents" / document["name"]).write_text(document["text"], encoding="utf-8")
        sources[document["name"]] = {key: document[key] for key in ("split", "source_file", "url")}
    (out / "sources.json").write_text(json.dumps(sources, indent=2, sort_keys=True) + "\n")
    return len(picked)


if __name__ == "__main__":  # pragma: no cover - a one-off copy, documented above
    print(write(Path(sys.argv[1]), Path(sys.argv[2])), "documents")
