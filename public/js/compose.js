// The composer, as progressive enhancement (every form works without it):
// - "Preview" beside each Markdown field shows the text rendered by the server exactly as it will
//   be published (same renderer and sanitizer), then "Edit" brings the field back;
// - "Quote" on a post quotes only the text selected in that post, when some is.
(function () {
  var me = document.currentScript;
  if (!me) return;
  var opts = me.dataset;
  var FIELDS = ['body', 'description', 'intro', 'minutes', 'message', 'note', 'resolution', 'charterBody', 'context', 'tried', 'needed'];

  var seq = 0;
  function enhance(root) {
    root.querySelectorAll('form[method="post"] textarea').forEach(function (field) {
      if (FIELDS.indexOf(field.name) < 0 || field.hasAttribute('data-preview-bound')) return;
      field.setAttribute('data-preview-bound', '');
      var n = seq++;
      var form = field.form;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary preview-toggle';
      button.textContent = opts.preview;
      button.setAttribute('aria-controls', 'preview-' + n);
      button.setAttribute('aria-expanded', 'false');
      var box = document.createElement('div');
      box.id = 'preview-' + n;
      box.className = 'post-body preview';
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', opts.title);
      box.setAttribute('aria-live', 'polite');
      box.hidden = true;
      field.insertAdjacentElement('afterend', box);
      box.insertAdjacentElement('afterend', button);
      button.addEventListener('click', function () {
        if (!box.hidden) {
          box.hidden = true;
          field.hidden = false;
          button.textContent = opts.preview;
          button.setAttribute('aria-expanded', 'false');
          field.focus();
          return;
        }
        var data = new URLSearchParams();
        form.querySelectorAll('input[type="hidden"]').forEach(function (h) { data.append(h.name, h.value); });
        data.set('body', field.value);
        fetch(opts.previewUrl, { method: 'POST', body: data, credentials: 'same-origin', headers: Object.assign({ 'x-requested-with': 'compose' }, window.coperSessionHeaders ? window.coperSessionHeaders() : {}) })
          .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
          .then(function (html) {
            box.innerHTML = html; // sanitized by the server, like every published post
            box.hidden = false;
            field.hidden = true;
            button.textContent = opts.edit;
            button.setAttribute('aria-expanded', 'true');
          })
          .catch(function () { /* no preview: the field stays as it is */ });
      });
    });
  }
  enhance(document);
  // For composers opened later in the page (public/js/reply-in-place.js).
  window.coperComposer = { enhance: enhance };
  // Turbo keeps a copy of the page to show on "Back": keep it as the server sent it, so this
  // script enhances it again from scratch (listeners do not survive the copy).
  if (!window.coperComposerCache) {
    window.coperComposerCache = true;
    document.addEventListener('turbo:before-cache', function () {
      document.querySelectorAll('[data-reply-in-place-box], .preview-toggle, .post-body.preview').forEach(function (el) { el.remove(); });
      document.querySelectorAll('[data-preview-bound]').forEach(function (f) { f.removeAttribute('data-preview-bound'); f.hidden = false; });
    });
  }

  // The selection is read as the press starts: a click on the link would clear it first.
  document.querySelectorAll('a[href*="quote=1"]').forEach(function (link) {
    function keep() {
      var post = link.closest('article.post');
      var sel = window.getSelection();
      var body = post && post.querySelector('.post-body');
      var u = new URL(link.href, window.location.href);
      u.searchParams.delete('sel');
      if (body && sel && !sel.isCollapsed && body.contains(sel.anchorNode) && body.contains(sel.focusNode)) {
        var text = sel.toString().trim().slice(0, 1000);
        if (text) u.searchParams.set('sel', text);
      }
      link.href = u.pathname + u.search + u.hash;
    }
    link.addEventListener('pointerdown', keep);
    link.addEventListener('keydown', function (e) { if (e.key === 'Enter') keep(); });
  });
})();
