// "My data": while an export is being prepared, poll its progress; reload the page when it is ready.
(function () {
  var box = document.querySelector('[data-export-status]');
  if (!box) return;
  var url = box.getAttribute('data-export-status');
  var bar = box.querySelector('progress');
  var polls = 0;
  function tick() {
    polls++;
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (s) {
        if (bar) { bar.value = s.progress; bar.textContent = s.progress + ' %'; }
        if (s.status === 'ready' || s.status === 'failed') { window.location.replace(window.location.href.replace(/([?&])done=export_queued&?/, '$1')); return; }
        if (polls < 400) setTimeout(tick, 2000);
      })
      .catch(function () { if (polls < 400) setTimeout(tick, 5000); });
  }
  setTimeout(tick, 1500);
})();
