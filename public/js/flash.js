// The confirmation after an action: spoken by screen readers (a live region filled after the page
// loads is announced; one already filled may not be), and taken out of the address so that a
// reload or a copied link does not confirm the action again.
(function () {
  var box = document.querySelector('[data-flash]');
  if (!box) return;
  // Run twice on one page (a page shown again by Turbo), it must not keep the emptied text.
  if (!box.hasAttribute('data-flash-text')) box.setAttribute('data-flash-text', box.textContent);
  var text = box.getAttribute('data-flash-text');
  box.textContent = '';
  setTimeout(function () { box.textContent = text; }, 150);
  try {
    var u = new URL(window.location.href);
    u.searchParams.delete('flash');
    window.history.replaceState(window.history.state, '', u.pathname + u.search + u.hash);
  } catch (e) { /* an old browser keeps the parameter: harmless */ }
})();
