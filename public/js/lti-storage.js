// LTI Platform Storage (src/lti/platform-storage.ts). At login: store the state and the nonce in
// the platform's storage frame (lti.put_data), then go on to the platform's authorization endpoint.
// At a launch whose cookie did not come back: read them back (lti.get_data) and post them, with
// the id_token, to the launch address. Messages go to the frame the platform named
// (lti_storage_target) in window.parent, with the platform's origin as target;
// only answers from that origin, to our own message_id, count (1EdTech LTI Client Side
// postMessages, lti-cs-pm v0.1). Whatever fails, the page moves on: the server decides.
(function () {
  var el = document.querySelector('[data-lti-storage]');
  if (!el) return;
  var origin = el.getAttribute('data-platform-origin');
  var name = el.getAttribute('data-target');
  var WAIT_MS = 3000;

  function storageWindow() {
    try {
      // Only the LMS page that frames us: a window of its own keeps the cookie and needs no storage,
      // and an opener may be any site.
      var host = window.parent !== window ? window.parent : null;
      if (!host) return null;
      if (name === '_parent') return host;
      return host.frames[name] || null;
    } catch (e) {
      return null;
    }
  }

  function messageId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // One request; resolves with the answer, or null on an error answer or no answer in time.
  function ask(target, subject, key, value) {
    return new Promise(function (resolve) {
      var id = messageId();
      var done = false;
      var timer;
      function finish(answer) {
        if (done) return;
        done = true;
        clearTimeout(timer);
        window.removeEventListener('message', onMessage);
        resolve(answer);
      }
      function onMessage(e) {
        var d = e.data;
        if (e.origin !== origin || !d || typeof d !== 'object' || d.message_id !== id || d.subject !== subject + '.response') return;
        finish(d.error ? null : d);
      }
      window.addEventListener('message', onMessage);
      timer = setTimeout(function () { finish(null); }, WAIT_MS);
      var msg = { subject: subject, message_id: id, key: key };
      if (subject === 'lti.put_data') msg.value = value;
      try {
        target.postMessage(msg, origin);
      } catch (err) {
        finish(null);
      }
    });
  }

  var target = storageWindow();
  if (el.getAttribute('data-lti-storage') === 'put') {
    var next = el.getAttribute('data-next');
    var go = function () { location.replace(next); };
    if (!target) return go();
    Promise.all([
      ask(target, 'lti.put_data', el.getAttribute('data-state-key'), el.getAttribute('data-state')),
      ask(target, 'lti.put_data', el.getAttribute('data-nonce-key'), el.getAttribute('data-nonce')),
    ]).then(go, go);
    return;
  }

  var form = document.querySelector('form[data-storage-form]');
  if (!form) return;
  var send = function () { form.submit(); };
  if (!target) return send();
  Promise.all([
    ask(target, 'lti.get_data', el.getAttribute('data-state-key')),
    ask(target, 'lti.get_data', el.getAttribute('data-nonce-key')),
  ]).then(function (answers) {
    if (answers[0] && answers[1]) {
      form.elements.lti_storage.value = 'checked';
      form.elements.storage_state.value = answers[0].value == null ? '' : String(answers[0].value);
      form.elements.storage_nonce.value = answers[1].value == null ? '' : String(answers[1].value);
    }
    send();
  }, send);
})();
