/*
 * Draws every chart of a page (report or web app) from the JSON specs placed next to each canvas
 * (<script type="application/json" data-chart-spec="id">). The same file serves both: the report
 * inlines it so the printed page needs nothing from outside; the web app loads it from /assets.
 * Charts are drawn without animation, then body[data-charts-ready] tells the PDF printer it may print.
 */
(function () {
  'use strict';
  if (typeof Chart === 'undefined') return;
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'Marianne, Arial, sans-serif';
  Chart.defaults.font.size = 11;
  Chart.defaults.color = '#161616';

  var printing = document.body.classList.contains('report');
  var lang = document.documentElement.lang === 'en' ? 'en-GB' : 'fr-FR';
  var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, notation: 'standard' });
  var compact = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, notation: 'compact' });
  // Years: grid lines at 1 January, labels in the middle of each year (a mark due on 31 December
  // sits just before the line, under its own year's label).
  function yearAxes(min, max) {
    var years = [];
    for (var y = Math.ceil(min); y <= Math.floor(max); y++) years.push(y);
    return {
      x: {
        type: 'linear', min: min, max: max, grid: { color: '#e5e5e5' }, ticks: { display: false },
        afterBuildTicks: function (axis) { axis.ticks = years.map(function (v) { return { value: v }; }); },
      },
      xYears: {
        type: 'linear', position: 'bottom', min: min, max: max, grid: { display: false }, border: { display: false },
        afterBuildTicks: function (axis) {
          axis.ticks = years.concat([Math.floor(min)]).filter(function (v) { return v + 0.5 > min && v + 0.5 < max; })
            .map(function (v) { return { value: v + 0.5 }; });
        },
        ticks: { autoSkip: false, maxRotation: 0, callback: function (v) { return String(Math.floor(v)); } },
      },
    };
  }

  function base() {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      devicePixelRatio: printing ? 2 : window.devicePixelRatio || 1,
      plugins: { legend: { labels: { boxWidth: 12 } }, tooltip: { enabled: !printing } },
    };
  }

  function summary(spec) {
    var d = spec.data;
    var o = base();
    o.indexAxis = 'y';
    o.scales = { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } };
    return {
      type: 'bar',
      data: {
        labels: d.labels,
        datasets: d.datasets.map(function (s) { return { label: s.label, data: s.data, backgroundColor: s.color, borderColor: '#fff', borderWidth: 1 }; }),
      },
      options: o,
    };
  }

  function timeline(spec) {
    var d = spec.data;
    var o = base();
    o.plugins.legend = { display: false };
    o.plugins.tooltip.callbacks = { label: function (c) { return c.raw.label; } };
    o.scales = yearAxes(d.xMin, d.xMax);
    o.scales.y = {
        type: 'linear', min: -0.6, max: d.rows.length - 0.4, reverse: true,
        ticks: { stepSize: 1, autoSkip: false, callback: function (v) { return Number.isInteger(v) ? d.rows[v] : ''; } },
        grid: { display: false },
    };
    var targets = d.points.filter(function (p) { return p.kind === 'target'; });
    var milestones = d.points.filter(function (p) { return p.kind === 'milestone'; });
    function set(points, style, label) {
      return {
        label: label, data: points, pointStyle: style, pointRadius: 5, pointHoverRadius: 7,
        backgroundColor: points.map(function (p) { return p.color; }), borderColor: '#161616', borderWidth: 0.6,
      };
    }
    return { type: 'scatter', data: { datasets: [set(targets, 'triangle', d.targetLabel), set(milestones, 'rectRot', d.milestoneLabel)] }, options: o };
  }

  function indicator(spec) {
    var d = spec.data;
    var o = base();
    o.plugins.tooltip.callbacks = { label: function (c) { return c.raw.label || (c.dataset.label + ' : ' + number.format(c.raw.y)); } };
    o.scales = yearAxes(d.xMin, d.xMax);
    o.scales.y = { beginAtZero: true, ticks: { callback: function (v) { return compact.format(v) + (d.unit === '%' ? ' %' : ''); } } };
    var datasets = [{
      label: d.measuredLabel, data: d.measured, showLine: true, borderColor: '#000091', backgroundColor: '#000091',
      pointRadius: 3, borderWidth: 2, order: 1,
    }];
    d.trajectories.forEach(function (t) {
      datasets.push({ label: t.label, data: t.points, showLine: true, borderDash: [6, 4], borderColor: '#7b7b7b', backgroundColor: '#7b7b7b', pointRadius: 0, borderWidth: 1.5, order: 2 });
    });
    datasets.push({
      label: d.targets.length ? d.targets[0].label.split(' ')[0] : '', data: d.targets, pointStyle: 'triangle', pointRadius: 7,
      backgroundColor: d.targets.map(function (t) { return t.color; }), borderColor: '#161616', borderWidth: 0.8, order: 0,
    });
    return { type: 'scatter', data: { datasets: datasets }, options: o };
  }

  var builders = { summary: summary, timeline: timeline, indicator: indicator };
  var drawn = 0;
  document.querySelectorAll('script[data-chart-spec]').forEach(function (el) {
    var spec = JSON.parse(el.textContent);
    var canvas = document.querySelector('canvas[data-chart="' + spec.id + '"]');
    if (!canvas || !builders[spec.type]) return;
    new Chart(canvas, builders[spec.type](spec));
    drawn++;
  });
  document.body.dataset.chartsDrawn = String(drawn);
  document.body.dataset.chartsReady = 'true';
})();
