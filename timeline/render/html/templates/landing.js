(function () {
  // The page's words come from the catalogue of its language (the JSON beside this script): what "today" says, the
  // pattern of a day (CLDR's: 'yyyy-MM-dd', 'd MMMM y'), and what a copy says.
  var words = JSON.parse(document.getElementById('landing-words').textContent);
  var locale = document.documentElement.lang;
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function iso(d) { return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()); }
  function day(text) {
    // An ISO day in the catalogue's pattern; month names from the browser's Intl in the page's language (in their
    // form after a day, 'марта', for M; alone, 'март', for L).
    var p = text.split('-').map(Number), d = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
    function month(style, alone) {
      var options = alone ? { month: style, timeZone: 'UTC' } : { day: 'numeric', month: style, timeZone: 'UTC' };
      var parts = new Intl.DateTimeFormat(locale, options).formatToParts(d);
      return parts.filter(function (part) { return part.type === 'month'; })[0].value;
    }
    return words.day.replace(/y+|M+|L+|d+/g, function (field) {
      var kind = field.charAt(0), n = field.length;
      if (kind === 'y') return n === 2 ? two(p[0] % 100) : String(p[0]);
      if (kind === 'd') return n === 2 ? two(p[2]) : String(p[2]);
      if (n <= 2) return n === 2 ? two(p[1]) : String(p[1]);
      return month(n === 3 ? 'short' : 'long', kind === 'L');
    });
  }
  var now = iso(new Date());
  var asof = document.getElementById('asof');
  if (asof) {
    var values = { today: day(now), built: day(asof.dataset.built) };
    asof.textContent = words.now.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }
  document.querySelectorAll('.timed').forEach(function (list) {
    var any = false;
    list.querySelectorAll('.when').forEach(function (el) {
      var on = el.dataset.start <= now && (!el.dataset.end || now < el.dataset.end);
      el.hidden = !on; any = any || on;
    });
    list.querySelectorAll('.none').forEach(function (el) { el.hidden = any; });
  });
  document.querySelectorAll('.upcoming').forEach(function (list) {
    var left = Number(list.dataset.shown);
    list.querySelectorAll('.when').forEach(function (el) {
      var on = left > 0 && now < el.dataset.end;
      el.hidden = !on; if (on) left -= 1;
    });
    list.querySelectorAll('.none').forEach(function (el) { el.hidden = left < Number(list.dataset.shown); });
  });
  if (location.protocol === 'http:' || location.protocol === 'https:') {
    // Built without a base URL: a feed's relative path becomes its absolute address where the page is served.
    document.querySelectorAll('a[data-path]').forEach(function (link) {
      if (link.dataset.path) link.href = new URL(link.dataset.path, location.href).href.replace(/^https?:/, 'webcal:');
    });
    document.querySelectorAll('input.url[data-path]').forEach(function (input) {
      if (input.dataset.path) input.value = new URL(input.dataset.path, location.href).href;
    });
  }
  var find = document.getElementById('find');
  if (find) {
    // The search box narrows the list to the organisations whose names or abbreviations hold what is typed.
    find.parentElement.hidden = false;
    var nomatch = document.getElementById('nomatch');
    find.addEventListener('input', function () {
      var typed = find.value.trim().toLowerCase(), shown = 0;
      document.querySelectorAll('li.org').forEach(function (org) {
        org.hidden = typed !== '' && org.dataset.find.indexOf(typed) < 0;
        if (!org.hidden) shown += 1;
      });
      document.querySelectorAll('section.region').forEach(function (region) {
        region.hidden = !region.querySelector('li.org:not([hidden])');
      });
      nomatch.hidden = shown > 0;
    });
  }
  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () {
      var input = button.parentElement.querySelector('input');
      function done() { button.textContent = words.copied; }
      function fallback() { input.select(); try { if (document.execCommand('copy')) done(); } catch (err) {} }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else { fallback(); }
    });
  });
})();
