// LTI Dynamic Registration §3.6: tell the platform the registration is done.
(function () {
  function close() { (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*'); }
  document.querySelectorAll('[data-lti-close]').forEach(function (b) { b.addEventListener('click', close); });
  // Once the page has finished loading: the platform removes the frame on this message, and a
  // frame removed mid-load aborts its own document.
  if (document.readyState === 'complete') close();
  else window.addEventListener('load', close);
})();
