/*
 * The web app's forms (served from /assets/app, as the Content-Security-Policy allows no inline script):
 * - after a failed submit, the focus moves to the error summary at the top of the page, and each of
 *   its links puts the focus in its field;
 * - a form marked data-busy-form disables its submit button (aria-busy="true") once sent, so a
 *   double click sends it once;
 * - the report form shows only the scope list that fits the chosen kind.
 */
(function () {
  'use strict';

  var summary = document.querySelector('[data-error-summary]');
  if (summary) {
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
      if (!link) return;
      var field = document.getElementById(link.getAttribute('href').slice(1));
      if (!field) return;
      event.preventDefault();
      // A field inside a closed <details> (the correction forms) is opened first.
      for (var p = field.parentElement; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
      var label = document.querySelector('label[for="' + field.id + '"]');
      (label || field).scrollIntoView({ block: 'center' });
      field.focus({ preventScroll: true });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-busy-form]'), function (form) {
    form.addEventListener('submit', function () {
      var buttons = form.querySelectorAll('button[type="submit"], button:not([type])');
      // After the browser has taken the submission: a disabled submitter would not be sent.
      setTimeout(function () {
        Array.prototype.forEach.call(buttons, function (button) {
          button.disabled = true;
          button.setAttribute('aria-busy', 'true');
          if (form.dataset.busyLabel) button.textContent = form.dataset.busyLabel;
        });
      }, 0);
    });
  });

  var kind = document.querySelector('select[data-kind-select]');
  if (kind) {
    var scopes = document.querySelectorAll('[data-scope-for]');
    var show = function () {
      Array.prototype.forEach.call(scopes, function (group) {
        var on = group.getAttribute('data-scope-for') === kind.value;
        group.hidden = !on;
        var select = group.querySelector('select');
        if (select) select.disabled = !on;
      });
    };
    kind.addEventListener('change', show);
    show();
  }
})();
