"""Timeline pages: first loads in headless Chromium, each against a one-bar page with the full plotly.js bundle.

Run: python benchmarks/bench_html.py [--runs 5] [--terms 10000 --events 10000] [--before CHECKOUT]
                                     [--profile [READABLE_PLOTLY_JS]] [--screenshot csto.png]

The pages: the CSTO's and the UN Security Council's (in English and in Russian), a synthetic organisation's
(10,000 terms, 10,000 events) and the yardstick, a page of one bar. It times in Python the figure and the page,
then in Chromium each load as a FIRST load (a fresh browser context per run: no HTTP cache, no compiled script
kept), from the same pages served side by side:
- basic: the site as `timeline build` writes it, with the vendored basic bundle (what ships);
- full: the same pages with the full bundle of the Python plotly package (`plotly.offline.get_plotlyjs()`);
- before (with --before CHECKOUT, e.g. `git archive c6a67c2 timeline data | tar -x -C /tmp/before`): the
  pages and plotly.js that another checkout's `timeline` package writes.
Each run measures, in the page: navigation -> `window.Plotly` defined (fetching, compiling and running
plotly.js), the page's first `Plotly.newPlot` call -> plot drawn, and navigation -> plot drawn (the page's own
`data-ready` mark), and counts the items drawn (bars and markers in the main plot). It prints the medians and
the median over the runs of each page's navigation -> drawn against the yardstick's in the same run (the one-bar
page with the full bundle, loaded just before or after it), and the targets.
--profile records a CPU profile of the 10k page from its first Plotly.newPlot call to drawn and prints where the
time goes; give it a non-minified plotly.js of the same version (npm pack plotly.js-basic-dist@VERSION) to read
plotly's function names. --screenshot writes a full-page PNG of the CSTO page (--width/--height set the
viewport; --runs 0 only takes the screenshot). Chromium is Debian's (/usr/bin/chromium or $CHROMIUM), never
downloaded. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synthetic_org import one_bar, synthetic  # noqa: E402

from tests.helpers.browser import BARS, CHROMIUM_ARGS, MARKERS, READY, RU, serve, write_site  # noqa: E402
from timeline.core.asof import AsOf  # noqa: E402
from timeline.core.query import Timeline  # noqa: E402
from timeline.load import default_data_dir, load  # noqa: E402
from timeline.render.html.figure import build_figure  # noqa: E402
from timeline.render.html.page import plotly_manifest, render_page  # noqa: E402
from timeline.render.lang import EN  # noqa: E402
from timeline.render.view import View  # noqa: E402

TARGETS = {"csto": 0.5, "ru/csto": 0.5, "synthetic": 1.0}
"""Issue 25's targets: navigation -> plot drawn, against the yardstick's."""
YARDSTICK = ("full", "onebar")
"""The one-bar page with the full bundle."""
METRICS = {
    "plotly": "navigation -> Plotly defined",
    "draw": "first Plotly.newPlot -> drawn",
    "drawn": "navigation -> plot drawn",
}
PROBE = """(() => {
  // Notes when plotly.js defines window.Plotly, when the page first calls Plotly.newPlot, and when the page
  // marks its plot drawn (data-ready, watched by a MutationObserver on that div alone: nothing polls the page).
  let value;
  window.__bench = {};
  Object.defineProperty(window, 'Plotly', {configurable: true, get() { return value; }, set(plotly) {
    window.__bench.plotly = performance.now();
    const newPlot = plotly.newPlot;
    plotly.newPlot = function (div) {
      if (window.__bench.newPlot === undefined) {
        window.__bench.newPlot = performance.now();
        if (window.__benchProfile) { console.profile('draw'); }
        new MutationObserver((_, observer) => {
          window.__bench.drawn = performance.now();
          if (window.__benchProfile) { console.profileEnd('draw'); }
          observer.disconnect();
        }).observe(div, {attributes: true, attributeFilter: ['data-ready']});
      }
      return newPlot.apply(this, arguments);
    };
    value = plotly;
  }});
})();"""
DRAWN = """() => new Promise((resolve, reject) => {
  // The marks once the plot is drawn: [Plotly defined, first newPlot, data-ready] in ms since navigation.
  const started = performance.now();
  const poll = () => {
    const b = window.__bench;
    if (b.drawn !== undefined) {
      resolve([b.plotly, b.newPlot, Number(document.getElementById('timeline-plot').dataset.ready)]);
    } else if (performance.now() - started > 120000) {
      reject(new Error('not drawn in 120 s'));
    } else {
      setTimeout(poll, 250);
    }
  };
  poll();
})"""
COUNT = f"""() => document.querySelectorAll('{BARS}').length + document.querySelectorAll('{MARKERS}').length"""
ZOOM_OUT = """async () => {
  const t0 = performance.now();
  await Plotly.relayout('timeline-plot', {'xaxis.autorange': true});
  return performance.now() - t0;
}"""
BEFORE = """
import sys
from datetime import date
from pathlib import Path

checkout, here, out, today, terms, events = sys.argv[1:]
sys.path[:0] = [checkout, here + "/benchmarks", here]  # a git archive of timeline/ and data/ has no tests
import timeline
from synthetic_org import one_bar, synthetic
import timeline.render.lang
from tests.helpers.browser import RU, write_site
from timeline.load import default_data_dir, load

assert Path(timeline.__file__).resolve().is_relative_to(Path(checkout).resolve()), timeline.__file__
data, day = default_data_dir(), date.fromisoformat(today)
(Path(out) / "big").mkdir()
write_site(Path(out) / "big", {"synthetic": synthetic(int(terms), int(events))}, day)
orgs = {"csto": load(data, "csto"), "unsc": load(data, "unsc"), "onebar": one_bar()}
write_site(Path(out), orgs, day, langs=(timeline.render.lang.EN, RU))
"""


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


def write_pages(root: Path, orgs: dict[str, Timeline], big: Timeline | None, today: date) -> None:
    """The pages in both languages, the big one in English in big/ (its own plotly.min.js beside it)."""
    root.mkdir()
    if big is not None:
        (root / "big").mkdir()
        write_site(root / "big", {"synthetic": big}, today)
    write_site(root, orgs, today, langs=(EN, RU))


def write_sites(root: Path, orgs: dict[str, Timeline], big: Timeline | None, today: date, args) -> dict[str, Path]:
    """The same pages with each plotly.js, one folder each: basic (as built), full, and before if asked."""
    from plotly.offline import get_plotlyjs

    sites = {"basic": root / "basic", "full": root / "full"}
    write_pages(sites["basic"], orgs, big, today)
    shutil.copytree(sites["basic"], sites["full"])
    for bundle in (sites["full"] / "plotly.min.js", sites["full"] / "big" / "plotly.min.js"):
        if bundle.exists():
            bundle.write_text(get_plotlyjs(), encoding="utf-8")
    if args.before:
        sites["before"] = root / "before"
        sites["before"].mkdir()
        command = [sys.executable, "-c", BEFORE, str(args.before.resolve()), str(ROOT), str(sites["before"])]
        subprocess.run([*command, today.isoformat(), str(args.terms), str(args.events)], cwd=args.before, check=True)
    return sites


def first_load(browser, url: str, viewport: dict, zoom: bool) -> dict[str, float]:
    """One first load in a fresh context: the page's timings, in ms since navigation or between two marks, and
    the count of items drawn."""
    context = browser.new_context(viewport=viewport)
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(url, wait_until="load", timeout=120_000)
    plotly, newplot, drawn = page.evaluate(DRAWN)
    times = {"plotly": plotly, "draw": drawn - newplot, "drawn": drawn, "items": page.evaluate(COUNT)}
    if zoom:
        times["zoom"] = page.evaluate(ZOOM_OUT)
        times["all items"] = page.evaluate(COUNT)
    context.close()
    return times


def browser_times(browser, base: str, sites: dict[str, Path], pages: list[str], runs: int, viewport: dict) -> dict:
    """Medians per (site, page) of `runs` first loads, the sites and pages taken in turn within each run."""
    samples: dict[tuple[str, str], list[dict[str, float]]] = {(s, p): [] for s in sites for p in pages}
    for _ in range(runs):
        for page in pages:
            for site in sites:
                url = f"{base}{site}/{page}/timeline.html".replace("synthetic/", "big/synthetic/")
                samples[site, page].append(first_load(browser, url, viewport, zoom=site == "basic"))
    medians = {key: {k: statistics.median(s[k] for s in runs_) for k in runs_[0]} for key, runs_ in samples.items()}
    for key, runs_ in samples.items():  # each load against the yardstick's of the same run: the load of the machine
        pairs = zip(runs_, samples[YARDSTICK], strict=True)  # changes between runs more than within one
        medians[key]["ratio"] = statistics.median(mine["drawn"] / theirs["drawn"] for mine, theirs in pairs)
    return medians


def report(page: str, medians: dict, sites: list[str], sizes: dict[str, float]) -> None:
    """One page's medians per site, and navigation -> drawn against the yardstick's."""
    print("    " + " " * 31 + "".join(f"{f'{site} ({sizes[site]:.1f} MB)':>20}" for site in sites))
    for key, label in METRICS.items():
        print(f"    {label:31}" + "".join(f"{medians[site, page][key]:>17.0f} ms" for site in sites))
    print(f"    {'items drawn':31}" + "".join(f"{medians[site, page]['items']:>20.0f}" for site in sites))
    ratios = "".join(f"{medians[site, page]['ratio']:>19.2f}x" for site in sites)
    line = f"    {'drawn / yardstick (same run)':31}" + ratios
    if page in TARGETS:
        got = medians["basic", page]["ratio"]
        line += f"   target <= {TARGETS[page]}x: {'met' if got <= TARGETS[page] else 'missed'}"
    print(line)
    basic = medians["basic", page]
    print(f"    zoom out to everything (basic, after the load): {basic['zoom']:.0f} ms, {basic['all items']:.0f} items")


def describe(tl: Timeline, today: date) -> str:
    fig = build_figure(View.of(tl, today))
    bars = sum(len(t.x) for t in fig.data if t.meta in ("terms", "uncertain", "windows"))
    marks = sum(len(t.x) for t in fig.data if t.meta in ("events", "attested"))
    terms = sum(len(t.x) for t in fig.data if t.meta == "terms")
    return f"{terms} terms, {len(tl.org.events)} events -> {bars} bars, {marks} markers, {len(fig.data)} traces"


def profile(browser, url: str, viewport: dict, top: int = 25) -> None:
    """Where the first draw of `url` spends its time: a CPU profile from the first Plotly.newPlot to drawn."""
    context = browser.new_context(viewport=viewport)
    context.add_init_script(PROBE + "\nwindow.__benchProfile = true;")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 250})
    finished: list[dict] = []
    cdp.on("Profiler.consoleProfileFinished", lambda event: finished.append(event["profile"]))
    page.goto(url, wait_until="load", timeout=120_000)
    page.evaluate(DRAWN)
    page.wait_for_timeout(500)
    context.close()
    (prof,) = finished
    nodes = {n["id"]: n for n in prof["nodes"]}
    parent = {child: n["id"] for n in prof["nodes"] for child in n.get("children", ())}

    def name(node: dict) -> str:
        frame = node["callFrame"]
        where = f" ({frame['url'].rsplit('/', 1)[-1]}:{frame['lineNumber'] + 1})" if frame["url"] else ""
        return (frame["functionName"] or "(anonymous)") + where

    own, total = collections.Counter(), collections.Counter()
    for sample, delta in zip(prof["samples"], prof["timeDeltas"], strict=True):
        own[name(nodes[sample])] += delta
        seen, node = set(), sample
        while node is not None:
            label = name(nodes[node])
            if label not in seen:
                total[label] += delta
                seen.add(label)
            node = parent.get(node)
    whole = sum(prof["timeDeltas"]) / 1000
    print(f"  profile of the first draw ({whole:.0f} ms, slower with the profiler on): self time (native work too)")
    for label, us in own.most_common(top):
        print(f"    {us / 1000:7.0f} ms  {label}")
    print("  total time (with what it calls)")
    for label, us in total.most_common(top + 1)[1:]:
        print(f"    {us / 1000:7.0f} ms  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--before", type=Path, help="another checkout of timeline: its pages and plotly.js too")
    parser.add_argument("--profile", nargs="?", const="", metavar="PLOTLY_JS",
                        help="profile the 10k page's first draw (with this readable plotly.js if given)")  # fmt: skip
    parser.add_argument("--screenshot", type=Path, help="write a full-page PNG of the CSTO page here")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    data = default_data_dir()
    orgs = {"csto": load(data, "csto"), "unsc": load(data, "unsc"), "onebar": one_bar()}
    today = date.fromisoformat(os.environ.get("TIMELINE_TODAY") or date.today().isoformat())
    asof = AsOf.on(today)
    big = synthetic(args.terms, args.events) if args.runs or args.profile is not None else None
    viewport = {"width": args.width, "height": args.height}
    manifest = plotly_manifest()
    print(f"plotly.js: basic = vendored {manifest['package']} {manifest['version']}; full = the Python plotly's")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        if args.runs:
            sites = write_sites(Path(tmp), orgs, big, today, args)
        else:
            sites = {"basic": Path(tmp) / "basic"}
            write_pages(sites["basic"], orgs, big, today)
        sizes = {site: (folder / "plotly.min.js").stat().st_size / 1e6 for site, folder in sites.items()}
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with serve(Path(tmp)) as base:
            if args.runs:
                pages = ["onebar", "csto", "ru/csto", "unsc", "ru/unsc", *(["synthetic"] if big else [])]
                medians = browser_times(browser, base, sites, pages, args.runs, viewport)
                print(f"yardstick: the one-bar page with the full bundle, {medians[YARDSTICK]['drawn']:.0f} ms")
                for page in pages:
                    tl = big if page == "synthetic" else orgs[page.removeprefix("ru/")]
                    lang = RU if page.startswith("ru/") else EN
                    print(f"{page}: {describe(tl, today)}")
                    fig_ms = median_ms(lambda tl=tl, lang=lang: build_figure(View(tl, asof, lang)), args.runs)
                    page_ms = median_ms(lambda tl=tl, lang=lang: render_page(View(tl, asof, lang), feeds=[]), args.runs)
                    html = sites["basic"] / ("big/synthetic" if page == "synthetic" else page) / "timeline.html"
                    print(f"  python   build_figure {fig_ms:6.0f} ms   render_page {page_ms:6.0f} ms   page "
                          f"{html.stat().st_size / 1e6:.2f} MB")  # fmt: skip
                    print(f"  chromium, first loads (a fresh context each), medians of {args.runs}:")
                    report(page, medians, [s for s in ("before", "full", "basic") if s in sites], sizes)
            if args.profile is not None:
                if args.profile:
                    shutil.copyfile(args.profile, sites["basic"] / "big" / "plotly.min.js")
                print(f"synthetic: {args.profile or 'the vendored bundle (minified names)'}")
                profile(browser, f"{base}basic/big/synthetic/timeline.html", viewport)
            if args.screenshot:
                page = browser.new_page(viewport=viewport)
                page.goto(f"{base}basic/csto/timeline.html")
                page.wait_for_selector(READY)
                page.screenshot(path=str(args.screenshot), full_page=True)
                print(f"screenshot: {args.screenshot}")
        browser.close()
    if args.runs:
        print(f"medians of {args.runs} first loads each; today {today}; viewport {args.width}x{args.height}")


if __name__ == "__main__":
    main()
