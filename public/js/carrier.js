// Session carriers (issue #16). After a launch the tool first offers a partitioned cookie; if the
// browser refuses it inside the LMS frame, this tab keeps the token itself and sends it as the
// X-CoPeR-Session header on every Turbo Drive navigation and form submission. The token never goes
// into an address. Without script, the cookie path works on its own.
// The tab keeps the token in sessionStorage when the browser allows it in the frame (Safari,
// Firefox), else only in this page's memory: Turbo Drive swaps pages without reloading, so the
// memory lives as long as the tab stays on CoPeR (Chromium denies storage to a third-party frame
// whose cookies it blocks).
(function () {
  var KEY = 'coper.session';
  var RETRIED = 'coper.session.retried';
  var Turbo = window.Turbo;
  var memory = null;
  function stored() { try { return sessionStorage.getItem(KEY) || memory; } catch (e) { return memory; } }
  function store(token) { memory = token; try { sessionStorage.setItem(KEY, token); } catch (e) { /* memory only */ } return true; }
  function forget() { memory = null; try { sessionStorage.removeItem(KEY); } catch (e) { /* storage refused */ } }
  function probe(csrf, carrier, token) {
    var headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf };
    if (token) headers['x-coper-session'] = token;
    return fetch('/session/probe', { method: 'POST', credentials: 'same-origin', headers: headers, body: new URLSearchParams({ carrier: carrier }).toString() })
      .then(function (r) { return r.ok; }, function () { return false; });
  }
  function tabMode(on) { if (Turbo) Turbo.session.drive = on; }
  // Other scripts (e.g. members.js) add these headers to their own fetches.
  window.coperSessionHeaders = function () { var t = stored(); return t ? { 'x-coper-session': t } : {}; };

  document.addEventListener('turbo:before-fetch-request', function (e) {
    var token = stored();
    if (token) e.detail.fetchOptions.headers['x-coper-session'] = token;
  });
  // Files (CSV, PDF, uploads) are not pages Turbo visits: in tab mode fetch them with the header
  // and hand the browser the file, so a download never needs the token in its address.
  document.addEventListener('click', function (e) {
    var token = stored();
    var a = e.target.closest ? e.target.closest('a[href]') : null;
    if (!token || !a || e.defaultPrevented || a.target === '_blank' || a.origin !== location.origin) return;
    var isFile = a.hasAttribute('download') || /\.(csv|pdf|ics|zip)$|\/download$/.test(a.pathname);
    if (!isFile) return;
    e.preventDefault();
    fetch(a.href, { credentials: 'same-origin', headers: { 'x-coper-session': token } })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        var name = (/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(r.headers.get('content-disposition') || '') || [])[1];
        return r.blob().then(function (b) { return { blob: b, name: name ? decodeURIComponent(name) : a.pathname.split('/').pop() }; });
      })
      .then(function (f) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(f.blob);
        link.download = f.name;
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      })
      .catch(function () { window.location.href = a.href; });
  });
  document.addEventListener('turbo:load', function () {
    if (!document.querySelector('[data-session-expired], [data-session-missing]')) { try { sessionStorage.removeItem(RETRIED); } catch (e) { /* ignore */ } }
  });

  var launched = document.querySelector('[data-launched]');
  if (launched) {
    var next = launched.getAttribute('data-next');
    var token = launched.getAttribute('data-token');
    var csrf = launched.getAttribute('data-csrf');
    launched.removeAttribute('data-token');
    forget();
    tabMode(false);
    probe(csrf, 'cookie').then(function (cookieKept) {
      if (cookieKept) { window.location.replace(next); return null; }
      if (!Turbo || !store(token)) return false;
      return probe(csrf, 'tab', token).then(function (ok) {
        if (!ok) { forget(); return false; }
        tabMode(true);
        Turbo.visit(next, { action: 'replace' });
        return null;
      });
    }).then(function (ok) {
      if (ok !== false) return;
      // Neither carrier: the "continue in a new tab" path (first-party cookie there).
      var refused = launched.querySelector('[data-launched-refused]');
      var cont = launched.querySelector('[data-launched-continue]');
      if (refused) refused.hidden = false;
      if (cont) cont.hidden = true;
    });
    return;
  }

  var token = stored();
  tabMode(Boolean(token));
  // A full reload in tab mode reaches the server without the header: ask again, with it, once.
  if (token && document.querySelector('[data-session-expired], [data-session-missing]') && Turbo) {
    var retried = null;
    try { retried = sessionStorage.getItem(RETRIED); } catch (e) { /* ignore */ }
    if (retried !== window.location.href) {
      try { sessionStorage.setItem(RETRIED, window.location.href); } catch (e) { /* ignore */ }
      Turbo.visit(window.location.href, { action: 'replace' });
    }
  }
})();
