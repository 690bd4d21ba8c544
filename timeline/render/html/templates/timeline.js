(function () {
  "use strict";
  var div = document.getElementById("timeline-plot");
  var fig = JSON.parse(document.getElementById("timeline-figure").textContent);
  var layout = fig.layout;
  // "Today" is the viewer's day, not the build's: the figure carries the build's, replaced here.
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var narrow = window.matchMedia("(max-width: 640px)").matches;
  var win = narrow ? [3, 1] : (layout.meta && layout.meta.window) || [6, 3];  // five years on a phone
  (layout.shapes || []).forEach(function (s) { if (s.name === "today") { s.x0 = today; s.x1 = today; } });
  (layout.annotations || []).forEach(function (a) { if (a.name === "today") { a.x = today; } });
  layout.xaxis.range = [(now.getFullYear() - win[0]) + "-01-01", (now.getFullYear() + win[1]) + "-12-31"];
  div.setAttribute("data-today", today);
  // On a phone the bars' labels name the states: the legend keeps only the key, in narrower entries.
  if (narrow) {
    fig.data.forEach(function (t) { if (/^state-/.test(t.legendgroup || "")) { t.showlegend = false; } });
    var one = Math.max(200, (div.clientWidth || 390) - 24);  // one entry a row: the key's words are long
    layout.meta.legend_entry_px = one;
    layout.legend = Object.assign({}, layout.legend, { entrywidth: one });
  }
  // The legend wraps to the page's width: make room for its rows, so the lanes keep their height.
  var m = layout.meta, entries = fig.data.filter(function (t) { return t.showlegend !== false; }).length;
  var columns = Math.max(1, Math.floor(((div.clientWidth || 1000) - 16) / (m.legend_entry_px || 260)));
  if (m && m.lanes_px) {
    layout.height = Math.max(m.min_px || 0, m.lanes_px + m.chrome_px + m.legend_row_px * Math.ceil(entries / columns));
  }
  if (narrow) {
    layout.font.size = 11;
    layout.legend.font.size = 10;
    layout.margin = { l: 4, r: 4, t: 36, b: 10 };
    (layout.annotations || []).forEach(function (a) { if (a.font) { a.font.size = 11; } });
  }
  var config = {
    responsive: true, displaylogo: false, scrollZoom: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "sendChartToCloud"],  // no upload: the site works offline
    toImageButtonOptions: { filename: "timeline", scale: 2 }
  };
  var coarse = window.matchMedia("(pointer: coarse)").matches;
  var armed = null;
  // A label that Plotly had to shrink to fit its bar is hidden rather than drawn too small to read.
  var tidy = function () {
    var texts = div.querySelectorAll(".barlayer text.bartext");
    for (var i = 0; i < texts.length; i++) {
      var m = /scale\(([\d.e-]+)\)/.exec(texts[i].getAttribute("transform") || "");
      texts[i].style.visibility = m && parseFloat(m[1]) < 0.8 ? "hidden" : "";
    }
  };
  // The script comes before the facts' tables, so the plot is drawn before the browser has read them (20,000
  // rows on a big page); what needs the tables waits for them.
  var parsed = function (then) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", then); } else { then(); }
  };
  // The facts' tables sort by a column when its heading is selected (dates by their ISO value).
  parsed(function () { Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.querySelectorAll("th");
    Array.prototype.forEach.call(heads, function (th, column) {
      th.querySelector("button").addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[column];
          return cell.getAttribute("data-sort") || cell.textContent.trim().toLowerCase();
        };
        rows.sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1); });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
      });
    });
  }); });
  if (typeof Plotly === "undefined") { return; }
  // A big figure (more items than meta.window_items) draws only the items near the range shown: those that reach
  // into it or into a quarter of its width on either side, so a short pan finds them drawn. After a zoom or pan that
  // leaves that window it draws those of the new range; "all" (autorange) draws every item. Each trace keeps its
  // place, legend entry and hover texts; one with no item in the window keeps a single empty point (an empty
  // trace would leave the legend).
  var ms = function (v) {  // a date of the figure or of a relayout ("2020-01-02", "2020-01-02 03:04:05.6") -> ms
    var s = String(v);
    return s.length <= 10 ? Date.parse(s) : Date.parse(s.replace(" ", "T") + "Z");
  };
  var total = 0;
  var extents = fig.data.map(function (t) {
    if (t.meta === "key" || !t.x) { return null; }
    var n = t.x.length, lo = new Array(n), hi = new Array(n);
    for (var i = 0; i < n; i++) {
      if (t.type === "bar") { lo[i] = ms(t.base[i]); hi[i] = lo[i] + t.x[i]; } else { lo[i] = hi[i] = ms(t.x[i]); }
    }
    total += n;
    return { n: n, lo: lo, hi: hi };
  });
  var windowed = total > ((layout.meta && layout.meta.window_items) || Infinity);
  // A figure of fewer items but many labelled bars (the Security Council's ~1,400 months) draws every item, the
  // range slider's copies too, but labels only the bars near the range shown: Plotly measures each label it
  // draws, and those outside the range are clipped anyway.
  var labelling = !windowed && total > ((layout.meta && layout.meta.label_items) || Infinity);
  var drawn = null;  // [from, to] in ms of the items drawn; null: every item
  var pick = function (value, keep, n) {  // the items' values of an array of one per item, else the value
    if (!Array.isArray(value) || value.length !== n) { return value; }
    return keep.length ? keep.map(function (i) { return value[i]; }) : [null];
  };
  var within = function (from, to) {
    return fig.data.map(function (t, k) {
      var e = extents[k];
      if (!e) { return t; }
      var keep = [];
      for (var i = 0; i < e.n; i++) { if (e.hi[i] >= from && e.lo[i] <= to) { keep.push(i); } }
      if (keep.length === e.n) { return t; }
      if (labelling) {  // every item, labels on those kept only
        if (!Array.isArray(t.text)) { return t; }
        var on = {};
        keep.forEach(function (i) { on[i] = true; });
        return Object.assign({}, t, {
          text: t.text.map(function (v, i) { return on[i] ? v : ""; }),
          textposition: t.textposition.map(function (v, i) { return on[i] ? v : "none"; })
        });
      }
      var out = {};
      Object.keys(t).forEach(function (key) {
        var v = t[key];
        if (v && typeof v === "object" && !Array.isArray(v) && (key === "marker" || key === "textfont")) {
          var nested = {};
          Object.keys(v).forEach(function (k2) {
            var w = v[k2];
            nested[k2] = w && typeof w === "object" && !Array.isArray(w) && k2 === "line"
              ? Object.keys(w).reduce(function (o, k3) { o[k3] = pick(w[k3], keep, e.n); return o; }, {})
              : pick(w, keep, e.n);
          });
          out[key] = nested;
        } else {
          out[key] = pick(v, keep, e.n);
        }
      });
      return out;
    });
  };
  var windowFor = function (range) {  // the data to draw for an x range, noting the window it covers
    if (!windowed && !labelling) { return fig.data; }
    if (!range) { drawn = null; return fig.data; }
    var a = ms(range[0]), b = ms(range[1]), margin = (b - a) / 4;
    drawn = [a - margin, b + margin];
    return within(drawn[0], drawn[1]);
  };
  var data = windowFor(layout.xaxis.range);
  // Plotly learns how much room the axis labels and the range slider take only after it has drawn every item,
  // and then draws them all again in the margins that leaves. A first pass with the traces in the legend only
  // (and without shapes and annotations, which take no room) settles the margins at little cost; react then
  // draws the items once, the same picture in half the time on a big page.
  var skeleton = data.map(function (t) { return Object.assign({}, t, { visible: t.visible === false ? false : "legendonly" }); });
  var bare = Object.assign({}, layout, { shapes: [], annotations: [] });
  var redrawing = false, missed = false, redraws = 0;
  var rewindow = function (change) {
    if (!windowed && !labelling) { return; }
    if (redrawing) { missed = true; return; }  // looked at again once the redraw under way is done
    var range = null;
    if (change["xaxis.autorange"]) {
      if (drawn === null) { return; }
    } else if (change["xaxis.range[0]"] !== undefined || change["xaxis.range"]) {
      range = div._fullLayout.xaxis.range;
      if (drawn !== null && ms(range[0]) >= drawn[0] && ms(range[1]) <= drawn[1]) { return; }
    } else {
      return;
    }
    redrawing = true;
    var shown = windowFor(range).map(function (t, k) {  // a trace hidden from the legend stays hidden
      var now = div.data[k] && div.data[k].visible;
      return now === undefined || now === t.visible ? t : Object.assign({}, t, { visible: now });
    });
    var done = function () {
      redrawing = false;
      redraws += 1;
      div.setAttribute("data-redrawn", String(redraws));  // how many times the window moved (for the tests)
      if (missed) {
        missed = false;
        rewindow(div.layout.xaxis.autorange ? { "xaxis.autorange": true } : { "xaxis.range": true });
      }
    };
    Plotly.react(div, shown, div.layout, config).then(done, done);
  };
  Plotly.newPlot(div, skeleton, bare, config).then(function () {
    return Plotly.react(div, data, layout, config);
  }).then(function () {
    div.on("plotly_relayout", rewindow);
    // If the tables arriving below brought a scrollbar that narrowed the page, the plot is fitted to it again
    // (Plotly follows only window resizes); a plot taller than the window already had the scrollbar.
    var width = div.clientWidth;
    parsed(function () { if (div.clientWidth !== width) { Plotly.Plots.resize(div); } });
    tidy();
    div.on("plotly_afterplot", tidy);
    div.setAttribute("data-ready", String(Math.round(performance.now())));  // ms since navigation
    // A click opens the item's source in a new tab; on a touch screen the first tap shows the details.
    div.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      var data = point && point.customdata;
      if (!data || !data[0] || !/^https?:\/\//i.test(data[0])) { return; }
      if (coarse && armed !== data[1]) { armed = data[1]; return; }
      window.open(data[0], "_blank", "noopener");
    });
  });
})();
