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
          axis.ticks = (years[0] === Math.floor(min) ? years : [Math.floor(min)].concat(years)).filter(function (v) { return v + 0.5 > min && v + 0.5 < max; })
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
    o.scales = { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { font: { size: 10 } } } };
    return {
      type: 'bar',
      data: {
        labels: d.labels,
        datasets: d.datasets.map(function (s) { return { label: s.label, data: s.data, backgroundColor: s.color, borderColor: '#fff', borderWidth: 1 }; }),
      },
      options: o,
    };
  }

  // Rows of the timeline and Gantt charts: ticks at each row's centre, labelled with the row's name.
  function rowAxis(d) {
    var centres = d.rows.map(function (r) { return r.center; });
    return {
      type: 'linear', min: 0, max: d.yMax, reverse: true, grid: { display: false }, border: { display: false },
      afterBuildTicks: function (axis) { axis.ticks = centres.map(function (v) { return { value: v }; }); },
      ticks: {
        autoSkip: false, font: { size: 10 },
        callback: function (v) { var i = centres.indexOf(v); return i < 0 ? '' : d.rows[i].label; },
      },
    };
  }

  // Behind the marks: zebra bands, so a mark is read against its own row, and each row's span from its
  // first to its last due date (Gantt). Over them: the dashed as-of line, labelled above the chart.
  var rowDecorations = {
    id: 'rowDecorations',
    beforeDatasetsDraw: function (chart) {
      var d = chart.config.options.rowData;
      if (!d) return;
      var ctx = chart.ctx, area = chart.chartArea, y = chart.scales.y;
      ctx.save();
      d.rows.forEach(function (r, i) {
        if (i % 2) return;
        var top = y.getPixelForValue(r.top), bottom = y.getPixelForValue(r.top + r.height);
        ctx.fillStyle = '#f3f3f8';
        ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
      });
      (d.spans || []).forEach(function (s) {
        var yy = y.getPixelForValue(s.y), x = chart.scales.x;
        ctx.strokeStyle = '#9a9aaf';
        ctx.lineWidth = 3;
        ctx.lineCap = 'round';
        ctx.beginPath();
        ctx.moveTo(x.getPixelForValue(s.from), yy);
        ctx.lineTo(x.getPixelForValue(s.to), yy);
        ctx.stroke();
      });
      ctx.restore();
    },
    afterDatasetsDraw: function (chart) {
      var d = chart.config.options.rowData;
      if (!d || !d.today) return;
      var ctx = chart.ctx, area = chart.chartArea, x = chart.scales.x.getPixelForValue(d.today.x);
      ctx.save();
      ctx.strokeStyle = '#000091';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 3]);
      ctx.beginPath();
      ctx.moveTo(x, area.top - 4);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#000091';
      ctx.font = '700 10px Marianne, Arial, sans-serif';
      var w = ctx.measureText(d.today.label).width;
      // The label sits above the chart, on the side of the line where it fits.
      ctx.textAlign = x + 4 + w > area.right ? 'right' : 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText(d.today.label, ctx.textAlign === 'right' ? x - 4 : x + 4, area.top - 4);
      ctx.restore();
    },
  };

  function rowChart(d, datasets) {
    var o = base();
    o.plugins.legend = { display: false };
    o.plugins.tooltip.callbacks = { label: function (c) { return c.raw.label; } };
    o.scales = yearAxes(d.xMin, d.xMax);
    o.scales.y = rowAxis(d);
    o.layout = { padding: { top: d.today ? 16 : 6, right: 8 } };
    o.rowData = d;
    return { type: 'scatter', data: { datasets: datasets }, options: o, plugins: [rowDecorations] };
  }

  function marks(points, style, label) {
    return {
      label: label, data: points, pointStyle: style, pointRadius: 5, pointHoverRadius: 7, clip: false,
      backgroundColor: points.map(function (p) { return p.color; }), borderColor: '#161616', borderWidth: 0.8,
    };
  }

  function timeline(spec) {
    var d = spec.data;
    var targets = d.points.filter(function (p) { return p.kind === 'target'; });
    var milestones = d.points.filter(function (p) { return p.kind === 'milestone'; });
    return rowChart(d, [marks(targets, 'triangle', d.targetLabel), marks(milestones, 'rectRot', d.milestoneLabel)]);
  }

  function gantt(spec) {
    return timeline(spec);
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

  var builders = { summary: summary, timeline: timeline, gantt: gantt, indicator: indicator };
  function drawAll() {
    var drawn = 0;
    document.querySelectorAll('script[data-chart-spec]').forEach(function (el) {
      var spec = JSON.parse(el.textContent);
      var canvas = document.querySelector('canvas[data-chart="' + spec.id + '"]');
      if (!canvas || !builders[spec.type]) return;
      // Charts with rows are as tall as their rows (set through the CSSOM: the pages allow no inline style).
      if (spec.data && spec.data.height) canvas.parentNode.style.height = spec.data.height + 'px';
      new Chart(canvas, builders[spec.type](spec));
      drawn++;
    });
    if (printing) {
      // A printed report shows each chart's data under it (a closed <details> would print closed),
      // except for the long timelines whose items the objective tables already list.
      document.querySelectorAll('details.chart-table').forEach(function (el) {
        if (!el.closest('.chart--timeline, .chart--gantt')) el.open = true;
      });
    }
    document.body.dataset.chartsDrawn = String(drawn);
    document.body.dataset.chartsReady = 'true';
  }
  // Canvas text uses the Marianne font only once it is loaded: wait for it (never more than 3 s).
  var fonts = document.fonts && document.fonts.load
    ? Promise.all([document.fonts.load('11px Marianne'), document.fonts.load('700 10px Marianne')])
    : Promise.resolve();
  var timeout = new Promise(function (resolve) { setTimeout(resolve, 3000); });
  Promise.race([fonts, timeout]).then(drawAll, drawAll);
})();
