/* global document, window, fetch, URLSearchParams, echarts */
/*
 * The dataset page's chart: the only script the pages need. It reads its settings from the
 * page's JSON block (#chart-config), asks the aggregate API for the main measure by period
 * under the selected dimension values, and draws a line with ECharts. Served as a file so
 * a Content-Security-Policy without 'unsafe-inline' scripts holds.
 */
'use strict';

(function () {
  var configEl = document.getElementById('chart-config');
  var box = document.getElementById('chart-canvas');
  var form = document.getElementById('chart-controls');
  var status = document.getElementById('chart-status');
  if (!configEl || !box || !form || typeof echarts === 'undefined') return;
  var config = JSON.parse(configEl.textContent);
  // Shown only now: without this script the controls and the empty box would do nothing.
  form.hidden = false;
  box.hidden = false;
  var chart = echarts.init(box, null, { renderer: 'canvas' });
  var request = 0;

  /** ISO 8601: a week belongs to the month (and year) of its Thursday. */
  function weekMonth(period) {
    var m = /^(\d{4})-W(\d{2})$/.exec(period);
    if (!m) return period;
    var year = Number(m[1]);
    var jan4 = Date.UTC(year, 0, 4);
    var weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
    var monday = jan4 - weekday * 86400000 + (Number(m[2]) - 1) * 7 * 86400000;
    return new Date(monday + 3 * 86400000).toISOString().slice(0, 7);
  }

  /** '2017-10-P1' belongs to '2017-10'. */
  function pentadMonth(period) {
    return period.slice(0, 7);
  }

  /** A month's value is the mean of its periods' values (each period counts once). */
  function byMonth(points) {
    var monthOf = config.periodKind === 'week' ? weekMonth : pentadMonth;
    var sums = new Map();
    points.forEach(function (p) {
      var key = monthOf(p[0]);
      var s = sums.get(key) || { total: 0, n: 0 };
      s.total += p[1];
      s.n += 1;
      sums.set(key, s);
    });
    return Array.from(sums.entries())
      .sort(function (a, b) {
        return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
      })
      .map(function (e) {
        return [e[0], e[1].total / e[1].n];
      });
  }

  function selection() {
    var params = new URLSearchParams({ groupBy: 'period', avg: config.measure, limit: '10000' });
    var labels = [];
    form.querySelectorAll('select[data-field]').forEach(function (select) {
      if (select.value !== '') {
        params.set(select.name, select.value);
        labels.push(select.options[select.selectedIndex].text);
      }
    });
    var grain = form.querySelector('select[data-grain]');
    return { params: params, labels: labels, monthly: Boolean(grain && grain.value === 'month') };
  }

  function say(text, state) {
    status.textContent = text;
    box.dataset.state = state;
  }

  async function draw() {
    var mine = ++request;
    var sel = selection();
    say(config.text.loading, 'loading');
    try {
      var res = await fetch(config.api + '?' + sel.params.toString(), {
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      var body = await res.json();
      if (mine !== request) return; // a newer selection is already on its way
      var points = body.data
        .filter(function (g) {
          return g.avg && g.avg[config.measure] !== null;
        })
        .map(function (g) {
          return [g.keys.period, Number(g.avg[config.measure])];
        });
      if (sel.monthly) points = byMonth(points);
      if (points.length === 0) {
        chart.clear();
        say(config.text.empty, 'empty');
        return;
      }
      var name = sel.labels.join(' · ') || config.measureLabel;
      chart.setOption(
        {
          animation: false,
          grid: { left: 56, right: 16, top: 24, bottom: 40 },
          tooltip: {
            trigger: 'axis',
            // Drawn on the canvas: ECharts' HTML tooltip is built with style attributes,
            // which the page's Content-Security-Policy (style-src 'self') refuses.
            renderMode: 'richText',
            valueFormatter: function (v) {
              return v.toFixed(2);
            },
          },
          xAxis: {
            type: 'category',
            data: points.map(function (p) {
              return p[0];
            }),
          },
          yAxis: { type: 'value', scale: true, name: config.measureLabel, nameTextStyle: { align: 'left' } },
          series: [
            {
              name: name,
              type: 'line',
              showSymbol: points.length < 60,
              data: points.map(function (p) {
                return Math.round(p[1] * 100) / 100;
              }),
            },
          ],
        },
        true,
      );
      var summary = config.text.summary
        .replace('{n}', String(points.length))
        .replace('{from}', points[0][0])
        .replace('{to}', points[points.length - 1][0]);
      box.setAttribute('aria-label', config.measureLabel + ' — ' + name + ': ' + summary);
      box.dataset.points = String(points.length);
      say(summary, 'drawn');
    } catch (err) {
      if (mine === request) say(config.text.error + ' (' + err.message + ')', 'error');
    }
  }

  form.addEventListener('change', draw);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    draw();
  });
  window.addEventListener('resize', function () {
    chart.resize();
  });
  draw();
})();
