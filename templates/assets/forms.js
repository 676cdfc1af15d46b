/*
 * The web app's forms (served from /assets/app, as the Content-Security-Policy allows no inline script):
 * - after a failed submit, the focus moves to the error summary at the top of the page, and each of
 *   its links puts the focus in its field;
 * - a form marked data-busy-form disables its submit button (aria-busy="true") once sent, so a
 *   double click sends it once;
 * - the report form shows only the scope list that fits the chosen kind;
 * - long texts show how many characters they have, of how many allowed.
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

  // Character counters of long texts (the review's commentary): "120 caractères sur 4 000", and how many too many.
  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-counter]'), function (area) {
    var counter = document.getElementById(area.getAttribute('data-counter'));
    var max = Number(area.getAttribute('data-max'));
    if (!counter || !max) return;
    var format = new Intl.NumberFormat(document.documentElement.lang === 'fr' ? 'fr-FR' : 'en-GB');
    var update = function () {
      var n = area.value.replace(/\r\n?/g, '\n').trim().length;
      var over = n - max;
      var template = over > 0 ? area.getAttribute('data-counter-over') : area.getAttribute('data-counter-text');
      counter.textContent = template.replace('{n}', format.format(n)).replace('{over}', format.format(over));
      counter.classList.toggle('fr-error-text', over > 0);
    };
    area.addEventListener('input', update);
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
