// Below 600 px the community navigation folds behind one "Menu" button. Without this script the
// seven entries simply wrap; with it, the button opens and closes them (Escape closes).
(function () {
  var nav = document.querySelector('[data-nav]');
  // Bound once per element: run twice on one page (a page shown again by Turbo), a second set of
  // listeners would open and close the menu on the same click. A copy Turbo restores is a new
  // element (properties are not copied), so it is bound again.
  if (!nav || nav.coperMenuBound) return;
  nav.coperMenuBound = true;
  nav.classList.add('folding');
  var button = nav.querySelector('[data-menu-toggle]');
  var list = document.getElementById(button.getAttribute('aria-controls'));
  var narrow = window.matchMedia('(max-width: 37.5rem)');
  function set(open) {
    button.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
  }
  function fit() {
    button.hidden = !narrow.matches;
    set(!narrow.matches);
  }
  button.addEventListener('click', function () { set(button.getAttribute('aria-expanded') !== 'true'); });
  nav.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && narrow.matches && button.getAttribute('aria-expanded') === 'true') { set(false); button.focus(); }
  });
  if (narrow.addEventListener) narrow.addEventListener('change', fit);
  fit();
})();
