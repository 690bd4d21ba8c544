"""Timeline page: first loads in headless Chromium with the vendored basic plotly.js and with the full one.

Run: python benchmarks/bench_html.py [--runs 5] [--terms 10000 --events 10000] [--before CHECKOUT]
                                     [--profile [READABLE_PLOTLY_JS]] [--screenshot csto.png]

For the CSTO page and a synthetic organisation's page (10,000 terms, 10,000 events), it times in Python the
figure and the page, then in Chromium, each load a FIRST load (a fresh browser context per run: no HTTP cache,
no compiled script kept), from the same pages served side by side:
- basic: the site as `timeline build` writes it, with the vendored basic bundle (what ships);
- full: the same pages with the full bundle of the Python plotly package (`plotly.offline.get_plotlyjs()`);
- before (with --before CHECKOUT): the pages and plotly.js that another checkout of timeline writes.
Each run measures, in the page: navigation -> `window.Plotly` defined (fetching, compiling and running
plotly.js), the page's first `Plotly.newPlot` call -> plot drawn, and navigation -> plot drawn (the page's own
`data-ready` mark). It prints the medians, the ratios basic/full (and basic/before) and the targets.
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

from synthetic_org import synthetic  # noqa: E402

from tests.test_browser_page import CHROMIUM_ARGS, READY, serve, write_site  # noqa: E402
from timeline.core.asof import AsOf  # noqa: E402
from timeline.core.query import Timeline  # noqa: E402
from timeline.load import default_data_dir, load  # noqa: E402
from timeline.render.html.figure import build_figure  # noqa: E402
from timeline.render.html.page import plotly_manifest, render_page  # noqa: E402
from timeline.render.view import View  # noqa: E402

TARGETS_MS = {"csto": 700, "synthetic": 1500}
"""Issue 12's targets for navigation -> plot drawn."""
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
ZOOM_OUT = """async () => {
  const t0 = performance.now();
  await Plotly.relayout('timeline-plot', {'xaxis.autorange': true});
  return performance.now() - t0;
}"""
BEFORE = """
import sys
from datetime import date
from pathlib import Path

checkout, out, today, terms, events = sys.argv[1:]
sys.path[:0] = [checkout, checkout + "/benchmarks"]
import timeline
from synthetic_org import synthetic
from tests.test_browser_page import write_site
from timeline.load import default_data_dir, load

assert Path(timeline.__file__).resolve().is_relative_to(Path(checkout).resolve()), timeline.__file__
pages = {"csto": load(default_data_dir(), "csto"), "synthetic": synthetic(int(terms), int(events))}
write_site(Path(out), pages, date.fromisoformat(today))
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


def write_sites(root: Path, orgs: dict[str, Timeline], today: date, args: argparse.Namespace) -> dict[str, Path]:
    """The same pages with each plotly.js, one folder each: basic (as built), full, and before if asked."""
    from plotly.offline import get_plotlyjs

    sites = {"basic": root / "basic", "full": root / "full"}
    sites["basic"].mkdir()
    write_site(sites["basic"], orgs, today)
    shutil.copytree(sites["basic"], sites["full"])
    (sites["full"] / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")
    if args.before:
        sites["before"] = root / "before"
        sites["before"].mkdir()
        command = [sys.executable, "-c", BEFORE, str(args.before.resolve()), str(sites["before"]), today.isoformat()]
        subprocess.run([*command, str(args.terms), str(args.events)], cwd=args.before, check=True)
    return sites


def first_load(browser, url: str, viewport: dict, zoom: bool) -> dict[str, float]:
    """One first load in a fresh context: the page's timings, in ms since navigation or between two marks."""
    context = browser.new_context(viewport=viewport)
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(url, wait_until="load", timeout=120_000)
    plotly, newplot, drawn = page.evaluate(DRAWN)
    times = {"plotly": plotly, "draw": drawn - newplot, "drawn": drawn}
    if zoom:
        times["zoom"] = page.evaluate(ZOOM_OUT)
    context.close()
    return times


def browser_times(browser, base: str, sites: dict[str, Path], page: str, runs: int, viewport: dict) -> dict:
    """Medians per site of `runs` first loads of `page`, the sites taken in turn within each run."""
    samples: dict[str, list[dict[str, float]]] = {site: [] for site in sites}
    for _ in range(runs):
        for site in sites:
            samples[site].append(first_load(browser, f"{base}{site}/{page}", viewport, zoom=site == "basic"))
    return {site: {k: statistics.median(s[k] for s in runs_) for k in runs_[0]} for site, runs_ in samples.items()}


def report(name: str, medians: dict[str, dict[str, float]], sizes: dict[str, float], target: int | None) -> None:
    order = [site for site in ("before", "full", "basic") if site in medians]
    ratios = [("basic/full", "full"), *([("basic/before", "before")] if "before" in medians else [])]
    heads = [f"{site} ({sizes[site]:.1f} MB)" for site in order] + [label for label, _ in ratios]
    print("    " + " " * 31 + "".join(f"{h:>20}" for h in heads))
    for key, label in METRICS.items():
        cells = [f"{medians[site][key]:.0f} ms" for site in order]
        cells += [f"{medians['basic'][key] / medians[other][key]:.2f}x" for _, other in ratios]
        line = f"    {label:31}" + "".join(f"{c:>20}" for c in cells)
        if key == "drawn" and target:
            got = medians["basic"][key]
            verdict = "met" if got < target else f"missed by {got - target:.0f} ms"
            line += f"   target < {target} ms: {verdict}"
        print(line)
    print(f"    zoom out to everything (basic, after the load): {medians['basic']['zoom']:.0f} ms")


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

    csto = load(default_data_dir(), "csto")
    today = date.fromisoformat(os.environ.get("TIMELINE_TODAY") or date.today().isoformat())
    asof = AsOf.on(today)
    big = args.runs or args.profile is not None
    orgs = {"csto": csto, "synthetic": synthetic(args.terms, args.events)} if big else {"csto": csto}
    viewport = {"width": args.width, "height": args.height}
    manifest = plotly_manifest()
    print(f"plotly.js: basic = vendored {manifest['package']} {manifest['version']}; full = the Python plotly's")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        sites = write_sites(Path(tmp), orgs, today, args) if big else {"basic": Path(tmp) / "basic"}
        if not big:
            sites["basic"].mkdir()
            write_site(sites["basic"], orgs, today)
        sizes = {site: (folder / "plotly.min.js").stat().st_size / 1e6 for site, folder in sites.items()}
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with serve(Path(tmp)) as base:
            for name, tl in orgs.items() if args.runs else ():
                print(f"{name}: {describe(tl, today)}")
                fig_ms = median_ms(lambda tl=tl: build_figure(View(tl, asof)), args.runs)
                page_ms = median_ms(lambda tl=tl: render_page(View(tl, asof), feeds=[]), args.runs)
                size = (sites["basic"] / name / "timeline.html").stat().st_size / 1e6
                print(f"  python   build_figure {fig_ms:6.0f} ms   render_page {page_ms:6.0f} ms   page {size:.2f} MB")
                print(f"  chromium, first loads (a fresh context each), medians of {args.runs}:")
                medians = browser_times(browser, base, sites, f"{name}/timeline.html", args.runs, viewport)
                default = name == "csto" or (args.terms, args.events) == (10_000, 10_000)
                report(name, medians, sizes, TARGETS_MS[name] if default else None)
            if args.profile is not None:
                if args.profile:
                    shutil.copyfile(args.profile, sites["basic"] / "plotly.min.js")
                print(f"synthetic: {args.profile or 'the vendored bundle (minified names)'}")
                profile(browser, f"{base}basic/synthetic/timeline.html", viewport)
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
