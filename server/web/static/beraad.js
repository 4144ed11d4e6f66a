// Beraad's only script, a progressive enhancement: every page works without
// it. On an export's status page it follows the export, fetching the page
// again each second and putting its status in place, until the export is
// done or failed; then it says so once in the page's status message.
(function () {
  'use strict';
  var status = document.querySelector('[data-export-status]');
  var message = document.getElementById('export-melding');
  if (!status || !message) return;
  var running = function (element) {
    var state = element.getAttribute('data-export-status');
    return state === 'bezig' || state === 'wachtend';
  };
  if (!running(status)) return;
  var failures = 0;
  var follow = function () {
    fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (answer) {
        // Gone (the job expired, the server restarted) or the session ended
        // (the answer is the login page): stop, and say what to do.
        if (answer.status === 404 || answer.redirected || answer.status === 401) {
          message.textContent = 'De export is niet meer te volgen. Vernieuw de pagina.';
          return null;
        }
        if (!answer.ok) throw new Error('status ' + answer.status);
        return answer.text();
      })
      .then(function (text) {
        if (text === null) return;
        var page = new DOMParser().parseFromString(text, 'text/html');
        var next = page.querySelector('[data-export-status]');
        if (!next) return;
        status.replaceChildren.apply(status, Array.prototype.map.call(next.childNodes, function (node) {
          return document.importNode(node, true);
        }));
        status.setAttribute('data-export-status', next.getAttribute('data-export-status'));
        if (running(next)) {
          window.setTimeout(follow, 1000);
        } else {
          var done = page.getElementById('export-samenvatting');
          message.textContent = done ? done.textContent : '';
        }
      })
      .catch(function () {
        if (++failures < 20) window.setTimeout(follow, 3000);  // bounded: about a minute
      });
  };
  window.setTimeout(follow, 1000);
})();
