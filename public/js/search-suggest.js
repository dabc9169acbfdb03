// Search as you type in the header box (ARIA 1.2 combobox with a listbox): from two characters on,
// a moment after typing stops, the first hits come from the server as a fragment
// (/c/:id/search/suggest) with their titles and highlighted passages. Arrows move through them,
// Enter opens the one chosen, Enter with none chosen submits the search form as before, Escape
// closes. Without this script the box is a plain search form.
(function () {
  var form = document.querySelector('form[data-suggest]');
  if (!form || form.hasAttribute('data-suggest-bound')) return;
  form.setAttribute('data-suggest-bound', '');
  var input = form.querySelector('input[name="q"]');
  var list = document.createElement('ul');
  list.id = input.id + '-list';
  list.className = 'suggest-list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', form.getAttribute('data-suggest-label'));
  list.hidden = true;
  var status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  form.appendChild(list);
  form.appendChild(status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('autocomplete', 'off');

  var timer = null;
  var asked = 0;
  var active = -1;
  function options() { return Array.prototype.slice.call(list.querySelectorAll('[role="option"]')); }
  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }
  function choose(n) {
    var all = options();
    if (all.length === 0) return;
    active = (n + all.length) % all.length;
    all.forEach(function (o, i) { o.setAttribute('aria-selected', String(i === active)); });
    input.setAttribute('aria-activedescendant', all[active].id);
    all[active].scrollIntoView({ block: 'nearest' });
  }
  function open(option) {
    // Through a link, so Turbo Drive (and the tab's session header) handles it like any other.
    var a = document.createElement('a');
    a.href = option.getAttribute('data-href');
    a.hidden = true;
    document.body.appendChild(a);
    close();
    a.click();
    a.remove();
  }
  function ask() {
    var q = input.value.trim();
    if (q.length < 2) { close(); status.textContent = ''; return; }
    var mine = ++asked;
    var url = form.getAttribute('data-suggest') + '?' + new URLSearchParams({ q: q }).toString();
    fetch(url, { credentials: 'same-origin', headers: Object.assign({ accept: 'text/html' }, window.coperSessionHeaders ? window.coperSessionHeaders() : {}) })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        if (mine !== asked) return; // an older answer arriving after a newer one
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var said = doc.querySelector('[data-suggest-status]');
        var items = doc.querySelector('[data-suggest-options]');
        list.innerHTML = items ? items.innerHTML : ''; // rendered and escaped by the server
        status.textContent = said ? said.textContent : '';
        active = -1;
        input.removeAttribute('aria-activedescendant');
        var any = options().length > 0;
        list.hidden = !any;
        input.setAttribute('aria-expanded', String(any));
      })
      .catch(function () { close(); });
  }

  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(ask, 250); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (list.hidden) { if (options().length) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); } else return; }
      e.preventDefault();
      choose(active + (e.key === 'ArrowDown' ? 1 : -1) + (active < 0 && e.key === 'ArrowUp' ? 1 : 0));
    } else if (e.key === 'Enter' && !list.hidden && active >= 0) {
      e.preventDefault();
      open(options()[active]);
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });
  list.addEventListener('mousedown', function (e) { e.preventDefault(); }); // keep the focus in the box
  list.addEventListener('click', function (e) {
    var option = e.target.closest('[role="option"]');
    if (option) open(option);
  });
  input.addEventListener('blur', function () { setTimeout(close, 150); });
  form.addEventListener('submit', function () { clearTimeout(timer); asked++; close(); });
  // The copy Turbo keeps for "Back" is the form as the server sent it: this script runs again on it.
  document.addEventListener('turbo:before-cache', function unbind() {
    document.removeEventListener('turbo:before-cache', unbind);
    list.remove();
    status.remove();
    form.removeAttribute('data-suggest-bound');
    ['role', 'aria-autocomplete', 'aria-controls', 'aria-expanded', 'aria-activedescendant'].forEach(function (a) { input.removeAttribute(a); });
  });
})();
