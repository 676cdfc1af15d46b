/*
 * Applies the theme chosen in the display settings (DSFR keeps it in localStorage "scheme") before
 * the page is first painted, so a dark-theme reader sees no flash of the light theme while DSFR's own
 * module loads; that module then keeps the theme in sync with the settings.
 */
(function () {
  'use strict';
  try {
    var scheme = window.localStorage.getItem('scheme');
    var dark = scheme === 'dark' || ((!scheme || scheme === 'system') && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.setAttribute('data-fr-theme', dark ? 'dark' : 'light');
  } catch (e) {
    // No storage (private browsing, blocked): DSFR's module decides.
  }
})();
