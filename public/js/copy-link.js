// "Copy link" (issue #16): copies an item's permanent, session-free address. Without script, the
// address stays selectable in its field.
(function () {
  function reveal() { document.querySelectorAll('[data-copy]').forEach(function (b) { b.hidden = false; }); }
  document.addEventListener('click', function (e) {
    var button = e.target.closest ? e.target.closest('[data-copy]') : null;
    if (!button) return;
    var box = button.closest('[data-copy-link]');
    var input = box.querySelector('[data-copy-source]');
    var status = box.querySelector('[data-copied]');
    function done() { if (status) status.hidden = false; }
    function fallback() { input.select(); try { document.execCommand('copy'); } catch (err) { /* the field stays selected */ } done(); }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(input.value).then(done, fallback);
    else fallback();
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', reveal); else reveal();
  document.addEventListener('turbo:load', reveal);
})();
