"""Timeline page: figure build in Python and render time in headless Chromium, for the CSTO and a big org.

Run: python benchmarks/bench_html.py [--runs 5] [--terms 10000 --events 10000] [--screenshot csto.png]
For each organisation it prints the median of: build_figure and render_page in Python; in Chromium, the
page load until the plot is drawn (from navigation start, as the page itself measures it;
includes fetching and parsing plotly.js), Plotly.newPlot alone, and a redraw after
zooming out to everything. Chromium is Debian's (/usr/bin/chromium or $CHROMIUM), never downloaded.
--screenshot writes a full-page PNG of the CSTO page (--width/--height set the viewport; --runs 0 only
takes the screenshot). A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synthetic_org import synthetic  # noqa: E402

from tests.test_browser_page import CHROMIUM_ARGS, READY, serve, write_site  # noqa: E402
from timeline.core.query import Timeline  # noqa: E402
from timeline.load import default_data_dir, load  # noqa: E402
from timeline.render.html.figure import build_figure  # noqa: E402
from timeline.render.html.page import render_page  # noqa: E402
from timeline.site.build import projection_horizon  # noqa: E402

NEWPLOT = """async () => {
  const div = document.getElementById('timeline-plot');
  const t0 = performance.now();
  await Plotly.newPlot(div, div.data, div.layout);
  return performance.now() - t0;
}"""
ZOOM_OUT = """async () => {
  const t0 = performance.now();
  await Plotly.relayout('timeline-plot', {'xaxis.autorange': true});
  return performance.now() - t0;
}"""


def median_ms(run: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("no Chromium: apt-get install chromium (or set CHROMIUM)")


def browser_times(browser, url: str, runs: int, viewport: dict) -> dict[str, float]:
    loads, plots, zooms = [], [], []
    for _ in range(runs):
        page = browser.new_page(viewport=viewport)
        page.goto(url, timeout=120_000)
        loads.append(float(page.wait_for_selector(READY, timeout=120_000).get_attribute("data-ready")))
        plots.append(page.evaluate(NEWPLOT))
        zooms.append(page.evaluate(ZOOM_OUT))
        page.close()
    return {"load to drawn": statistics.median(loads), "Plotly.newPlot": statistics.median(plots),
            "zoom out to all": statistics.median(zooms)}  # fmt: skip


def describe(tl: Timeline, today: date) -> str:
    fig = build_figure(tl, today=today, horizon=projection_horizon(today))
    bars = sum(len(t.x) for t in fig.data if t.meta in ("terms", "uncertain", "windows"))
    marks = sum(len(t.x) for t in fig.data if t.meta in ("events", "attested"))
    terms = sum(len(t.x) for t in fig.data if t.meta == "terms")
    return f"{terms} terms, {len(tl.org.events)} events -> {bars} bars, {marks} markers, {len(fig.data)} traces"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--screenshot", type=Path, help="write a full-page PNG of the CSTO page here")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    csto = load(default_data_dir(), "csto")
    today = date.fromisoformat(os.environ.get("TIMELINE_TODAY") or date.today().isoformat())
    horizon = projection_horizon(today)
    orgs = {"csto": csto, "synthetic": synthetic(args.terms, args.events)} if args.runs else {"csto": csto}
    viewport = {"width": args.width, "height": args.height}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        write_site(Path(tmp), orgs, today)
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with serve(Path(tmp)) as base:
            for name, tl in orgs.items() if args.runs else ():
                print(f"{name}: {describe(tl, today)}")
                fig_ms = median_ms(lambda tl=tl: build_figure(tl, today=today, horizon=horizon), args.runs)
                page_ms = median_ms(lambda tl=tl: render_page(tl, today=today, horizon=horizon, feeds=[]), args.runs)
                size = (Path(tmp) / name / "timeline.html").stat().st_size / 1e6
                print(f"  python   build_figure {fig_ms:8.0f} ms   render_page {page_ms:8.0f} ms   page {size:.2f} MB")
                times = browser_times(browser, f"{base}{name}/timeline.html", args.runs, viewport)
                print("  chromium " + "   ".join(f"{k} {v:8.0f} ms" for k, v in times.items()))
            if args.screenshot:
                page = browser.new_page(viewport=viewport)
                page.goto(f"{base}csto/timeline.html")
                page.wait_for_selector(READY)
                page.screenshot(path=str(args.screenshot), full_page=True)
                print(f"screenshot: {args.screenshot}")
        browser.close()
    if args.runs:
        print(f"medians of {args.runs} runs; today {today}")


if __name__ == "__main__":
    main()
