// "Reply" and "Quote" on a post open the reply form right under that post instead of on its own
// page. The form is the reply page's own, fetched from the link's address (so the quote is the
// server's: the passage selected in the post — compose.js puts it in the link — or the whole
// post, with its author), and posting it is the normal form POST. Escape or "Cancel" folds it and
// gives the focus back to the link; what was typed stays, and "Reply" on that post shows it again.
// Without this script the links open the reply page.
(function () {
  if (window.coperReplyInPlace) return; // the listeners stay on the document across Turbo visits
  window.coperReplyInPlace = true;

  function labelOf(a) { return a.getAttribute('data-reply-label') || a.textContent.trim(); }

  // Ids of the fetched page made unique under this post (the page's own form has the same ones).
  function reId(root, prefix) {
    var ids = {};
    root.querySelectorAll('[id]').forEach(function (el) { ids[el.id] = prefix + el.id; el.id = ids[el.id]; });
    root.querySelectorAll('[for]').forEach(function (el) { if (ids[el.htmlFor]) el.htmlFor = ids[el.htmlFor]; });
    root.querySelectorAll('[aria-describedby]').forEach(function (el) {
      el.setAttribute('aria-describedby', el.getAttribute('aria-describedby').split(/\s+/).map(function (id) { return ids[id] || id; }).join(' '));
    });
  }

  function close(box) {
    var link = box.__opener;
    box.hidden = true;
    if (link && document.contains(link)) link.focus();
  }

  function focusIn(box) {
    var field = box.querySelector('textarea');
    if (!field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }

  function boxOf(link) {
    var post = link.closest('article.post');
    return post ? document.getElementById('rip-box-' + post.id) : null;
  }

  /** Show this post's composer again (folded ones keep what was typed), the others folded. */
  function reopen(box, link) {
    document.querySelectorAll('[data-reply-in-place-box]').forEach(function (b) { b.hidden = b !== box; });
    box.__opener = link;
    focusIn(box);
  }

  /** A quote asked for while this post's composer is already open: added where the text ends, nothing typed lost. */
  function addQuote(box, html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var fetched = doc.querySelector('main form[action$="/posts"] textarea');
    var field = box.querySelector('textarea');
    if (!fetched || !field) return false;
    var text = field.value.replace(/\s+$/, '');
    field.value = (text ? text + '\n\n' : '') + fetched.value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }

  function open(link, html) {
    var post = link.closest('article.post');
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var form = doc.querySelector('main form[action$="/posts"]');
    if (!post || !form) return false;
    document.querySelectorAll('[data-reply-in-place-box]').forEach(function (b) { if (b.id === 'rip-box-' + post.id) b.remove(); else b.hidden = true; });
    var box = document.createElement('section');
    box.id = 'rip-box-' + post.id;
    box.className = 'reply-in-place';
    box.setAttribute('data-reply-in-place-box', '');
    box.setAttribute('aria-label', labelOf(link));
    box.__opener = link;
    var cancel = form.querySelector('a.button.secondary');
    if (cancel) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.textContent = cancel.textContent;
      button.setAttribute('data-reply-cancel', '');
      cancel.replaceWith(button);
    }
    var copy = document.importNode(form, true);
    reId(copy, 'rip-' + post.id + '-');
    copy.querySelectorAll('textarea').forEach(function (t) { t.rows = Math.min(t.rows, 6); });
    box.appendChild(copy);
    post.insertAdjacentElement('afterend', box);
    if (window.coperComposer) window.coperComposer.enhance(box);
    focusIn(box);
    return true;
  }

  document.addEventListener('click', function (e) {
    var cancel = e.target.closest && e.target.closest('[data-reply-cancel]');
    if (cancel) { close(cancel.closest('[data-reply-in-place-box]')); return; }
    var link = e.target.closest && e.target.closest('a[data-reply-in-place]');
    if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    var box = boxOf(link);
    var quote = /[?&]quote=1/.test(link.href);
    if (box && !quote) return reopen(box, link);
    fetch(link.href, { credentials: 'same-origin', headers: Object.assign({ accept: 'text/html' }, window.coperSessionHeaders ? window.coperSessionHeaders() : {}) })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var done = box && document.contains(box) ? addQuote(box, html) && (reopen(box, link), true) : open(link, html);
        if (!done) return Promise.reject(new Error('no form'));
      })
      .catch(function () {
        // Whatever went wrong (an expired session…), the reply page says it better.
        link.removeAttribute('data-reply-in-place');
        link.click();
      });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    var box = e.target.closest && e.target.closest('[data-reply-in-place-box]');
    if (box && !e.defaultPrevented) { e.preventDefault(); close(box); }
  });
})();
