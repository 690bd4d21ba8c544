(function () {
  function iso(d) {
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  }
  var now = iso(new Date());
  var asof = document.getElementById('asof');
  if (asof) asof.textContent = 'today, ' + now + ' (this site was built on ' + asof.dataset.built + ')';
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
    document.querySelectorAll('.feed').forEach(function (feed) {
      var cal = feed.querySelector('a.webcal');
      if (!cal.dataset.path) return;
      var url = new URL(cal.dataset.path, location.href).href;
      cal.href = url.replace(/^https?:/, 'webcal:');
      feed.querySelector('input.url').value = url;
    });
  }
  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () {
      var input = button.parentElement.querySelector('input');
      function done() { button.textContent = 'Copied'; }
      function fallback() { input.select(); try { if (document.execCommand('copy')) done(); } catch (err) {} }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else { fallback(); }
    });
  });
})();
