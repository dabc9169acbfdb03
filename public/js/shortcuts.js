// Keyboard shortcuts (listed on /c/:id/shortcuts, src/web/shortcuts.ts): single keys without
// modifiers, never while typing in a field. "?" help, "/" search box, "j"/"k" next/previous post,
// "n" next unread, "r" reply, "g h" home, "g d" discussions. Each repeats a link or a button of the
// page, so nothing depends on them.
(function () {
  if (window.coperShortcuts) return; // one listener on the document across Turbo visits
  window.coperShortcuts = true;
  var pendingG = 0;

  function settings() { var s = document.querySelector('script[data-help][src$="/shortcuts.js"]'); return s ? s.dataset : null; }
  function typing(el) {
    if (!el || el === document.body) return false;
    var tag = el.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable || el.getAttribute('role') === 'combobox';
  }
  function go(href) {
    // Through a link, so Turbo Drive (and the tab's session header) visits it like any other.
    var a = document.createElement('a');
    a.href = href;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function posts() { return Array.prototype.slice.call(document.querySelectorAll('main article.post')).filter(function (p) { return p.offsetParent !== null; }); }
  function current() { var el = document.activeElement; return el && el.closest ? el.closest('article.post') : null; }
  function focusPost(post) {
    if (!post) return;
    if (!post.hasAttribute('tabindex')) post.setAttribute('tabindex', '-1');
    post.focus();
    post.scrollIntoView({ block: 'start' });
  }
  function step(delta) {
    var all = posts();
    if (!all.length) return;
    var at = all.indexOf(current());
    focusPost(all[at < 0 ? (delta > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, at + delta))]);
  }
  function nextUnread() {
    var all = posts();
    var at = all.indexOf(current());
    var next = all.filter(function (p, i) { return i > at && p.classList.contains('unread'); })[0];
    if (next) return focusPost(next);
    var link = document.querySelector('main a[data-unread-count], main a[data-first-unread]');
    if (link) link.click();
  }
  function reply() {
    var post = current();
    var link = post && post.querySelector('a[data-shortcut-reply]');
    if (link) return link.click();
    var fields = document.querySelectorAll('main form[method="post"] textarea[name="body"]');
    var field = fields[fields.length - 1];
    if (field) { field.focus(); field.scrollIntoView({ block: 'center' }); }
  }

  document.addEventListener('keydown', function (e) {
    var s = settings();
    if (!s || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || typing(e.target)) return;
    var key = e.key;
    if (pendingG && Date.now() - pendingG < 1500) {
      pendingG = 0;
      if (key === 'h') { e.preventDefault(); return go(s.home); }
      if (key === 'd') { e.preventDefault(); return go(s.discussions); }
    }
    pendingG = 0;
    if (key === '?') { e.preventDefault(); go(s.help); }
    else if (key === '/') {
      var box = document.getElementById('top-q');
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    } else if (e.shiftKey) return;
    else if (key === 'j') { e.preventDefault(); step(1); }
    else if (key === 'k') { e.preventDefault(); step(-1); }
    else if (key === 'n') { e.preventDefault(); nextUnread(); }
    else if (key === 'r') { e.preventDefault(); reply(); }
    else if (key === 'g') { pendingG = Date.now(); }
  });
})();
