// Nothing typed is lost (issue #16): what a member types in a form is saved as a draft in this
// frame's localStorage, keyed by member and form, and put back when the form opens again — also
// after a session expired and CoPeR was relaunched. A draft is dropped once a page that follows
// its submission answered without error. Progressive enhancement: without script or storage,
// forms work as before.
(function () {
  var PREFIX = 'coper.draft:';
  var PENDING = 'coper.draft.pending';
  function meta(name) { var m = document.querySelector('meta[name="' + name + '"]'); return m ? m.getAttribute('content') : null; }
  function storage() { try { var s = window.localStorage; s.getItem(PENDING); return s; } catch (e) { return null; } }
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name.charAt(0) !== '_' && !el.disabled && !el.readOnly &&
        (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && /^(text|search|url|)$/.test(el.type || '')));
    });
  }
  function keyOf(owner, form) { return PREFIX + owner + ':' + (form.getAttribute('action') || location.pathname); }

  function settle(store) {
    // The page that answered a submission: drop its draft when it answered without error; keep
    // it otherwise (invalid input, expired session: the form gives it back next time).
    var pending = store.getItem(PENDING);
    if (!pending) return;
    store.removeItem(PENDING);
    if (Number(meta('coper-status') || '200') < 400) store.removeItem(pending);
  }

  function attach() {
    var store = storage();
    if (!store) return;
    settle(store);
    var owner = meta('coper-draft-owner');
    if (!owner) return;
    document.querySelectorAll('form[method="post"], form[method="POST"]').forEach(function (form) {
      if (form.hasAttribute('data-draft-bound')) return;
      form.setAttribute('data-draft-bound', '');
      var list = fields(form);
      if (!list.some(function (el) { return el.tagName === 'TEXTAREA'; })) return;
      var key = keyOf(owner, form);
      var saved = null;
      try { saved = JSON.parse(store.getItem(key) || 'null'); } catch (e) { saved = null; }
      var restored = false;
      if (saved) list.forEach(function (el) {
        if (typeof saved[el.name] === 'string' && saved[el.name] && !el.value) { el.value = saved[el.name]; restored = true; }
      });
      if (restored) {
        form.setAttribute('data-draft', 'restored');
        var note = document.createElement('p');
        note.className = 'ok';
        note.setAttribute('role', 'status');
        note.setAttribute('data-draft-restored', '');
        note.textContent = meta('coper-draft-restored') || '';
        form.insertBefore(note, form.firstChild);
      }
      var timer = null;
      function save() {
        var data = {}; var any = false;
        list.forEach(function (el) { data[el.name] = el.value; if (el.value) any = true; });
        try { if (any) store.setItem(key, JSON.stringify(data)); else store.removeItem(key); } catch (e) { /* storage full */ }
      }
      form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(save, 300); });
      form.addEventListener('submit', function () { clearTimeout(timer); save(); try { store.setItem(PENDING, key); } catch (e) { /* ignore */ } });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach); else attach();
  document.addEventListener('turbo:load', attach);
})();
