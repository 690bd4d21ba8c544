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
  // Plotly learns how much room the axis labels and the range slider take only after it has drawn every item,
  // and then draws them all again in the margins that leaves. A first pass with the traces in the legend only
  // (and without shapes and annotations, which take no room) settles the margins at little cost; react then
  // draws the items once, the same picture in half the time on a big page.
  var skeleton = fig.data.map(function (t) { return Object.assign({}, t, { visible: t.visible === false ? false : "legendonly" }); });
  var bare = Object.assign({}, layout, { shapes: [], annotations: [] });
  Plotly.newPlot(div, skeleton, bare, config).then(function () {
    return Plotly.react(div, fig.data, layout, config);
  }).then(function () {
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
