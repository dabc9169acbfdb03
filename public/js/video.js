// Video of practice (issue 21). Progressive: without script, a time link opens the clip at that
// moment (a #t= media fragment) and the upload form posts as any form does.
// - A time-coded comment or transcript line seeks the page's player (click or Enter on the link).
// - "Use the current time" fills the moment field from the player.
// - The upload form shows its progress (the clip may be large).
(function () {
  var player = document.getElementById('clip-player');
  function label(s) {
    s = Math.floor(s);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return (h ? h + ':' + pad(m) : pad(m)) + ':' + pad(sec);
  }
  if (player) {
    document.querySelectorAll('[data-seek]').forEach(function (a) {
      a.addEventListener('click', function (e) {
        var t = Number(a.getAttribute('data-seek'));
        if (!isFinite(t)) return;
        e.preventDefault();
        player.currentTime = t;
        var played = player.play();
        if (played && played.catch) played.catch(function () { /* autoplay refused: the position is set */ });
      });
    });
    var now = document.querySelector('[data-moment-now]');
    var field = document.getElementById('moment-at');
    if (now && field) {
      now.hidden = false;
      now.addEventListener('click', function () { field.value = label(player.currentTime || 0); field.focus(); });
    }
  }

  var form = document.querySelector('form[data-video-upload]');
  if (form && window.XMLHttpRequest && window.FormData) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var status = form.querySelector('[data-upload-status]');
      var bar = form.querySelector('progress');
      var percent = form.querySelector('[data-upload-percent]');
      var button = form.querySelector('button[type=submit]');
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      var headers = window.coperSessionHeaders ? window.coperSessionHeaders() : {};
      Object.keys(headers).forEach(function (k) { xhr.setRequestHeader(k, headers[k]); });
      if (status) status.hidden = false;
      if (button) button.disabled = true;
      xhr.upload.addEventListener('progress', function (p) {
        if (!p.lengthComputable) return;
        var n = Math.round((p.loaded / p.total) * 100);
        if (bar) bar.value = n;
        if (percent) percent.textContent = n + ' %';
      });
      xhr.addEventListener('load', function () {
        // Success answers with the clip's page (after the redirect); a refusal with the form and its messages.
        if (xhr.status < 400 && xhr.responseURL) { window.location.href = xhr.responseURL; return; }
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener('error', function () { if (button) button.disabled = false; form.submit(); });
      xhr.send(new FormData(form));
    });
  }
})();
