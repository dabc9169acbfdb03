// The confirmation after an action: spoken by screen readers and taken out of the address, so
// that a reload or a copied link does not confirm the action again. The visible message stays as
// the server wrote it; what is spoken is a live region added empty and filled a moment after the
// page loads (a region already filled when the page appears may not be announced).
(function () {
  var box = document.querySelector('[data-flash]');
  if (!box) return;
  // Run twice on one page (a page shown again by Turbo), it announces once.
  if (!box.hasAttribute('data-flash-spoken')) {
    box.setAttribute('data-flash-spoken', '');
    box.removeAttribute('role');
    var live = document.createElement('p');
    live.className = 'visually-hidden';
    live.setAttribute('role', 'status');
    live.setAttribute('data-flash-live', '');
    box.parentNode.insertBefore(live, box.nextSibling);
    setTimeout(function () { live.textContent = box.textContent; }, 150);
  }
  try {
    var u = new URL(window.location.href);
    u.searchParams.delete('flash');
    window.history.replaceState(window.history.state, '', u.pathname + u.search + u.hash);
  } catch (e) { /* an old browser keeps the parameter: harmless */ }
})();
