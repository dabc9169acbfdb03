// Members page: while a roster sync runs, poll its status and show progress; reload when done.
(function () {
  var panel = document.querySelector('[data-sync-panel]');
  if (!panel || panel.getAttribute('data-running') !== 'true') return;
  var url = panel.getAttribute('data-status-url');
  var polls = 0;
  function show(c) {
    var box = panel.querySelector('[data-cohort="' + c.id + '"]');
    if (!box) return;
    var progress = box.querySelector('[data-progress]');
    var text = box.querySelector('[data-progress-text]');
    var state = box.querySelector('[data-sync-state]');
    if (progress) progress.hidden = !c.running;
    if (text && c.running) text.textContent = c.progress;
    if (state) state.textContent = c.label;
  }
  function tick() {
    polls++;
    fetch(url, { headers: Object.assign({ accept: 'application/json' }, window.coperSessionHeaders ? window.coperSessionHeaders() : {}), credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (s) {
        s.cohorts.forEach(show);
        if (!s.running) { window.location.replace(window.location.href.replace(/([?&])sync=started&?/, '$1')); return; }
        if (polls < 400) setTimeout(tick, 1500);
      })
      .catch(function () { if (polls < 400) setTimeout(tick, 5000); });
  }
  setTimeout(tick, 1000);
})();
