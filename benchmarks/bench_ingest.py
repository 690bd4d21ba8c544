"""`timeline ingest` throughput: 1,000 press releases (the seed and the test corpus, repeated with their dates
shifted) read against the bundled data, in this process, not counting its start or the data's loading.

Run: python benchmarks/bench_ingest.py [--documents 1000]

Issue 22's aim: above 50 documents a second on one core. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from timeline.ingest.read import parse
from timeline.ingest.run import Ingester
from timeline.load import default_data_dir, load_all

HERE = Path(__file__).parent
SOURCES = [HERE.parent / "tests" / "ingest_corpus", Path("/work/shared/seeds")]


def corpus(count: int) -> list[bytes]:
    """`count` documents' bytes: every release found, repeated, each copy's years shifted so none is identical."""
    found = [p.read_bytes() for folder in SOURCES if folder.is_dir() for p in sorted(folder.iterdir()) if p.is_file()]
    out = []
    for number in range(count):
        raw = found[number % len(found)]
        shift = number // len(found) % 5
        out.append(raw.replace(b"2025", str(2025 + shift).encode()) if shift else raw)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    raws = corpus(args.documents)
    ingester = Ingester(load_all(default_data_dir()).values())
    began = time.perf_counter()
    facts = 0
    for number, raw in enumerate(raws):
        facts += len(ingester.report(parse(raw, f"doc-{number}")).findings)
    spent = time.perf_counter() - began
    size = sum(map(len, raws)) / len(raws)
    print(f"{len(raws)} documents (mean {size:,.0f} bytes), {facts} facts in {spent:.2f} s: "
          f"{len(raws) / spent:,.0f} documents/s")  # fmt: skip


if __name__ == "__main__":
    main()
