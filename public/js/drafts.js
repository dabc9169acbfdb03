// Nothing typed is lost (issue #16): what a member types in a form is saved as a draft while
// typing, keyed by member and form, and put back when the form opens again — also after a session
// expired and CoPeR was relaunched. Drafts live in this frame's localStorage; where the browser
// denies the frame its storage (Chromium blocks a third-party frame's storage along with its
// cookies), the server keeps them for the member instead (/c/:id/drafts). A draft is dropped once
// its form was accepted. Progressive enhancement: without script, forms work as before.
(function () {
  var PREFIX = 'coper.draft:';
  var PENDING = 'coper.draft.pending';
  function meta(name) { var m = document.querySelector('meta[name="' + name + '"]'); return m ? m.getAttribute('content') : null; }
  function local() { try { var s = window.localStorage; s.getItem(PENDING); return s; } catch (e) { return null; } }
  function sessionHeaders() { return window.coperSessionHeaders ? window.coperSessionHeaders() : {}; }

  function localStore(s, owner) {
    function key(form) { return PREFIX + owner + ':' + form; }
    return {
      read: function (form) { var v = null; try { v = JSON.parse(s.getItem(key(form)) || 'null'); } catch (e) { v = null; } return Promise.resolve(v); },
      save: function (form, fields, any) { try { if (any) s.setItem(key(form), JSON.stringify(fields)); else s.removeItem(key(form)); } catch (e) { /* storage full */ } },
      saveOnSubmit: true,
      sent: function (form) { try { s.setItem(PENDING, key(form)); } catch (e) { /* ignore */ } }
    };
  }

  function serverStore(communityId) {
    var base = '/c/' + communityId + '/drafts';
    return {
      read: function (form) {
        return fetch(base + '?form=' + encodeURIComponent(form), { credentials: 'same-origin', headers: Object.assign({ accept: 'application/json' }, sessionHeaders()) })
          .then(function (r) { return r.ok ? r.json() : { fields: null }; })
          .then(function (d) { return d.fields; }, function () { return null; });
      },
      save: function (form, fields, any, csrf) {
        // A form body, as every request to CoPeR (src/web/input.ts): the fields travel as one JSON text field.
        var headers = Object.assign({ 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf }, sessionHeaders());
        fetch(base, { method: any ? 'PUT' : 'DELETE', credentials: 'same-origin', headers: headers, body: new URLSearchParams({ form: form, fields: JSON.stringify(fields) }).toString() }).catch(function () { /* offline or expired: the last saved draft stays */ });
      },
      // The server drops the draft when it accepts the form; a save racing the submission would revive it.
      saveOnSubmit: false,
      sent: function () { /* nothing to do */ }
    };
  }

  function settle(s) {
    // The page that answered a submission: drop its draft when it answered without error; keep
    // it otherwise (invalid input, expired session: the form gives it back next time).
    var pending = s.getItem(PENDING);
    if (!pending) return;
    s.removeItem(PENDING);
    if (Number(meta('coper-status') || '200') < 400) s.removeItem(pending);
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name.charAt(0) !== '_' && !el.disabled && !el.readOnly &&
        (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && /^(text|search|url|)$/.test(el.type || '')));
    });
  }

  function restoredNote(form) {
    form.setAttribute('data-draft', 'restored');
    var note = document.createElement('p');
    note.className = 'ok';
    note.setAttribute('role', 'status');
    note.setAttribute('data-draft-restored', '');
    note.textContent = meta('coper-draft-restored') || '';
    form.insertBefore(note, form.firstChild);
  }

  function bind(store, form) {
    if (form.hasAttribute('data-draft-bound')) return;
    form.setAttribute('data-draft-bound', '');
    var list = fields(form);
    if (!list.some(function (el) { return el.tagName === 'TEXTAREA'; })) return;
    var key = form.getAttribute('action') || location.pathname;
    var csrfField = form.querySelector('input[name="_csrf"]');
    var csrf = csrfField ? csrfField.value : '';
    store.read(key).then(function (saved) {
      if (!saved) return;
      var restored = false;
      list.forEach(function (el) {
        if (typeof saved[el.name] === 'string' && saved[el.name] && !el.value) { el.value = saved[el.name]; restored = true; }
      });
      if (restored) restoredNote(form);
    });
    var timer = null;
    function save() {
      var data = {}; var any = false;
      list.forEach(function (el) { data[el.name] = el.value; if (el.value.trim()) any = true; });
      store.save(key, data, any, csrf);
    }
    form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(save, 400); });
    form.addEventListener('submit', function () { clearTimeout(timer); if (store.saveOnSubmit) save(); store.sent(key); });
  }

  function attach() {
    var s = local();
    if (s) settle(s);
    var owner = meta('coper-draft-owner');
    if (!owner) return;
    var store = s ? localStore(s, owner) : serverStore(owner.split(':')[1]);
    document.querySelectorAll('form[method="post"], form[method="POST"]').forEach(function (form) { bind(store, form); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach); else attach();
  document.addEventListener('turbo:load', attach);
})();
