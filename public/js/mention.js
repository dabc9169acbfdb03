// @mention suggestions in every composer (textareas of the community's forms, also those opened
// in place later): typing "@" and letters lists the members whose name starts so, folded like the
// server folds mentions ("@nad" or "@Nadi" → Nadia Côté). Arrows move, Enter writes the chosen
// "@Full Name" (Tab the first), Escape closes. The textarea keeps its own role (a textbox) and points at the list
// with aria-controls and aria-activedescendant; a status line says how many names are offered.
// Without this script, "@Full Name" typed by hand works the same.
(function () {
  var me = document.currentScript;
  if (!me || window.coperMentionsBound) return; // one set of listeners, whatever page Turbo shows next
  window.coperMentionsBound = true;
  var TOKEN = /(?:^|[^\p{L}\p{N}_@])@([\p{L}][\p{L}\p{M}'’-]*(?: [\p{L}\p{M}'’-]*)?)$/u;
  var seq = 0;
  var state = null; // { field, list, status, start, options, active }
  var timer = null;
  var asked = 0;

  function settings() { var s = document.querySelector('script[data-mentions-url]'); return s ? s.dataset : null; }
  function eligible(el) { return el && el.tagName === 'TEXTAREA' && el.form && /post/i.test(el.form.getAttribute('method') || '') && settings(); }

  function parts(field) {
    if (!field.id) field.id = 'mention-field-' + (++seq);
    var list = document.getElementById(field.id + '-mentions');
    if (!list) {
      var opts = settings();
      list = document.createElement('ul');
      list.id = field.id + '-mentions';
      list.className = 'suggest-list mention-list';
      list.setAttribute('role', 'listbox');
      list.setAttribute('aria-label', opts.mentionsLabel);
      list.hidden = true;
      var status = document.createElement('p');
      status.id = field.id + '-mentions-status';
      status.className = 'visually-hidden';
      status.setAttribute('role', 'status');
      field.insertAdjacentElement('afterend', list);
      list.insertAdjacentElement('afterend', status);
      field.setAttribute('aria-autocomplete', 'list');
      field.setAttribute('aria-controls', list.id);
      list.addEventListener('mousedown', function (e) { e.preventDefault(); });
      list.addEventListener('click', function (e) {
        var o = e.target.closest('[role="option"]');
        if (o && state && state.list === list) insert(Number(o.getAttribute('data-index')));
      });
    }
    return { list: list, status: document.getElementById(field.id + '-mentions-status') };
  }

  function close() {
    if (!state) return;
    state.list.hidden = true;
    state.list.innerHTML = '';
    state.field.removeAttribute('aria-activedescendant');
    state = null;
  }

  function show(field, start, names) {
    var p = parts(field);
    var opts = settings();
    p.list.innerHTML = '';
    names.forEach(function (name, i) {
      var li = document.createElement('li');
      li.id = field.id + '-mention-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.setAttribute('data-index', String(i));
      li.textContent = name;
      p.list.appendChild(li);
    });
    p.status.textContent = names.length ? (names.length === 1 ? opts.mentionsOne : opts.mentionsMany.replace('%n', String(names.length))) : opts.mentionsNone;
    if (!names.length) { if (state) close(); return; }
    p.list.hidden = false;
    state = { field: field, list: p.list, start: start, names: names, active: -1 };
  }

  function move(n) {
    var all = state.list.querySelectorAll('[role="option"]');
    state.active = (n + all.length) % all.length;
    all.forEach(function (o, i) { o.setAttribute('aria-selected', String(i === state.active)); });
    state.field.setAttribute('aria-activedescendant', all[state.active].id);
  }

  var inserting = false;
  function insert(i) {
    var s = state;
    var name = s.names[i];
    var caret = s.field.selectionStart;
    var text = '@' + name + ' ';
    s.field.value = s.field.value.slice(0, s.start) + text + s.field.value.slice(caret);
    var at = s.start + text.length;
    s.field.setSelectionRange(at, at);
    close();
    s.field.focus();
    inserting = true;
    s.field.dispatchEvent(new Event('input', { bubbles: true })); // drafts save it
    inserting = false;
  }

  function lookUp(field) {
    if (field.selectionStart !== field.selectionEnd) return close();
    var before = field.value.slice(0, field.selectionStart);
    var m = TOKEN.exec(before);
    if (!m || m[1].length > 60) return close();
    var typed = m[1];
    var start = before.length - typed.length - 1;
    var mine = ++asked;
    var url = settings().mentionsUrl + '?' + new URLSearchParams({ q: typed }).toString();
    fetch(url, { credentials: 'same-origin', headers: Object.assign({ accept: 'application/json' }, window.coperSessionHeaders ? window.coperSessionHeaders() : {}) })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (d) {
        if (mine !== asked || document.activeElement !== field) return;
        show(field, start, (d.members || []).map(function (x) { return x.name; }));
      })
      .catch(close);
  }

  document.addEventListener('input', function (e) {
    if (inserting || !eligible(e.target)) return;
    parts(e.target);
    clearTimeout(timer);
    var field = e.target;
    timer = setTimeout(function () { lookUp(field); }, 150);
  });
  document.addEventListener('keydown', function (e) {
    if (!state || e.target !== state.field || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      var down = e.key === 'ArrowDown';
      move(state.active < 0 ? (down ? 0 : -1) : state.active + (down ? 1 : -1));
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      // Enter writes the name chosen with the arrows (none chosen: a new line, as always); Tab the first one.
      if (e.shiftKey || (e.key === 'Enter' && state.active < 0)) return close();
      e.preventDefault();
      insert(Math.max(state.active, 0));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  }, true);
  document.addEventListener('focusout', function (e) { if (state && e.target === state.field) setTimeout(function () { if (state && document.activeElement !== state.field) close(); }, 150); });
  document.addEventListener('turbo:before-render', close);
  // The copy Turbo keeps for "Back" goes without lists: they are made again on the next "@".
  document.addEventListener('turbo:before-cache', function () {
    close();
    document.querySelectorAll('.mention-list, [id$="-mentions-status"]').forEach(function (el) { el.remove(); });
  });
})();
