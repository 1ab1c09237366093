// Draws the frontier report of a sweep from the JSON in #report-data: the scatter of the chosen stress with its
// frontier, the worst case per variant with its own frontier, a response curve per swept parameter. Every frontier
// was computed by the workbench (data.frontier, data.worstFrontier); this script only looks them up. Changing a
// chooser redraws the charts and the frontier tables. data-charts-rendered on <body> counts the charts drawn; errors
// go to #script-errors (see sweep.html).
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const metricIndex = {};
  data.metrics.forEach((m, i) => { metricIndex[m.key] = i; });
  const PALETTE = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bc4c00', '#1b7c83', '#9a6700', '#bf3989'];
  const policyColour = p => PALETTE[data.policies.indexOf(p) % PALETTE.length];

  // values on the axes in % (a share) or as the index; ticks as plain numbers, the unit in the axis name
  const scaled = (key, v) => data.metrics[metricIndex[key]].percent ? v * 100 : v;
  const shown = (key, v) => {
    const m = data.metrics[metricIndex[key]];
    const x = m.percent ? v * 100 : v;
    const digits = m.percent ? 2 : 4;
    const unit = m.percent ? ' %' : '';
    const text = x.toFixed(digits);
    if (Number(text) === 0 && x !== 0) return (x > 0 ? '< ' : '> -') + Math.pow(10, -digits).toFixed(digits) + unit;
    return text + unit;
  };
  const tick = v => Number(Number(v).toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  const valueAxis = (key, extra) => Object.assign({ type: 'value', name: data.metrics[metricIndex[key]].label,
    nameLocation: 'middle', nameGap: 36, axisLabel: { formatter: tick }, scale: false }, extra);
  const grid = extra => Object.assign({ top: 72, left: 48, right: 32, bottom: 48, containLabel: true }, extra);
  const title = (text, sub) => ({ text: text, subtext: sub || '', left: 'center', textStyle: { fontSize: 14 },
    subtextStyle: { fontSize: 12 } });

  const choice = id => document.getElementById(id);
  const state = () => ({ context: Number(choice('context').value), x: choice('x-metric').value,
    y: choice('y-metric').value, response: choice('response-metric').value });

  function pointHover(p) {
    const lines = ['<b>point ' + p.n + '</b>: ' + p.variant, p.stress];
    data.metrics.forEach((m, i) => {
      const none = p.noHaircuts && (m.key === 'top1_share' || m.key === 'concentration');
      lines.push(m.label + ': ' + (none ? 'no haircuts' : shown(m.key, p.values[i])));
    });
    if (p.runId != null) lines.push('kept as run ' + p.runId);
    return lines.join('<br>');
  }

  // the frontier as a line in x order, drawn under the dots
  function frontierLine(pairs) {
    return { name: 'Pareto frontier', type: 'line', data: pairs.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]),
      symbol: 'none', lineStyle: { color: '#1d2329', width: 1.5, type: 'dashed' }, itemStyle: { color: '#1d2329' },
      z: 1, tooltip: { show: false } };
  }

  function frontierChart(s) {
    const on = new Set(data.frontier[s.x + '|' + s.y]);
    const xi = metricIndex[s.x], yi = metricIndex[s.y];
    const here = data.points.filter(p => p.context === s.context);
    const series = data.policies.map(policy => ({
      name: policy, type: 'scatter', z: 2,
      itemStyle: { color: policyColour(policy) },
      data: here.filter(p => p.policy === policy).map(p => ({
        value: [scaled(s.x, p.values[xi]), scaled(s.y, p.values[yi])], point: p,
        symbolSize: on.has(p.n) ? 16 : 10,
        itemStyle: on.has(p.n) ? { borderColor: '#1d2329', borderWidth: 2.5 } : { opacity: 0.55 }
      }))
    }));
    series.push(frontierLine(here.filter(p => on.has(p.n))
      .map(p => [scaled(s.x, p.values[xi]), scaled(s.y, p.values[yi])])));
    return {
      animation: false,
      title: title('Pareto frontier under ' + data.contexts[s.context], 'lower is better on both axes; ringed: '
        + 'on the frontier of this stress'),
      legend: { top: 44, type: 'scroll' },
      grid: grid(),
      tooltip: { trigger: 'item', formatter: it => it.data && it.data.point ? pointHover(it.data.point) : '' },
      xAxis: valueAxis(s.x),
      yAxis: valueAxis(s.y, { nameGap: 48 }),
      series: series
    };
  }

  function worstChart(s) {
    const on = new Set(data.worstFrontier[s.x + '|' + s.y]);
    const xi = metricIndex[s.x], yi = metricIndex[s.y];
    const hover = w => ['<b>' + w.variant + '</b> at its worst over ' + data.contexts.length + ' stresses',
      data.metrics[xi].label + ': ' + shown(s.x, w.values[xi]) + ' (point ' + w.at[xi] + ')',
      data.metrics[yi].label + ': ' + shown(s.y, w.values[yi]) + ' (point ' + w.at[yi] + ')'].join('<br>');
    const series = data.policies.map(policy => ({
      name: policy, type: 'scatter', z: 2, itemStyle: { color: policyColour(policy) },
      data: data.worst.filter(w => w.policy === policy).map(w => ({
        value: [scaled(s.x, w.values[xi]), scaled(s.y, w.values[yi])], worst: w,
        symbolSize: on.has(w.variant) ? 16 : 10,
        itemStyle: on.has(w.variant) ? { borderColor: '#1d2329', borderWidth: 2.5 } : { opacity: 0.55 }
      }))
    }));
    series.push(frontierLine(data.worst.filter(w => on.has(w.variant))
      .map(w => [scaled(s.x, w.values[xi]), scaled(s.y, w.values[yi])])));
    return {
      animation: false,
      title: title('Worst case across the sweep\'s ' + data.contexts.length + ' stresses, per policy variant',
        'each axis its variant\'s worst over all stresses; lower is better; ringed: on the worst-case frontier'),
      legend: { top: 44, type: 'scroll' },
      grid: grid(),
      tooltip: { trigger: 'item', formatter: it => it.data && it.data.worst ? hover(it.data.worst) : '' },
      xAxis: valueAxis(s.x),
      yAxis: valueAxis(s.y, { nameGap: 48 }),
      series: series
    };
  }

  // a curve runs along one parameter; everything else of the stress is the chosen one's
  const STRESS = ['severity', 'fundScale'];
  const valueOf = (p, param) => param.kind === 'stress' ? p[param.key] : p.params[param.key];
  function responseChart(s, param) {
    const chosen = data.points.find(p => p.context === s.context);
    const mi = metricIndex[s.response];
    const same = p => p.accountSet === chosen.accountSet && p.scenario === chosen.scenario && p.seed === chosen.seed
      && STRESS.every(k => k === param.key || p[k] === chosen[k]);
    const lines = new Map();
    data.points.filter(p => valueOf(p, param) != null && same(p)).forEach(p => {
      const rest = Object.keys(p.params).filter(k => k !== param.key).map(k => k + '=' + p.params[k]).join(' ');
      const name = p.policy + (rest ? ' ' + rest : '');
      if (!lines.has(name)) lines.set(name, { policy: p.policy, values: new Array(param.values.length).fill(null),
        points: new Array(param.values.length).fill(null) });
      const at = param.values.indexOf(valueOf(p, param));
      lines.get(name).values[at] = scaled(s.response, p.values[mi]);
      lines.get(name).points[at] = p;
    });
    const series = [...lines.entries()].map(([name, l]) => ({ name: name, type: 'line', connectNulls: false,
      symbolSize: 7, itemStyle: { color: policyColour(l.policy) }, data: l.values }));
    const allLines = [...lines.values()];
    return {
      animation: false,
      // short: the measure is the y axis's name, and a half-width chart has no room for both in its title
      title: title('By ' + param.label,
        param.kind === 'stress' ? 'other stress as chosen above' : 'under the stress chosen above'),
      legend: { top: 44, type: 'scroll' },
      grid: grid({ top: 80 }),
      tooltip: { trigger: 'item', formatter: it => {
        const p = allLines[it.seriesIndex].points[it.dataIndex];
        return p ? pointHover(p) : '';
      } },
      xAxis: { type: 'category', data: param.values, name: param.label, nameLocation: 'middle', nameGap: 28 },
      yAxis: valueAxis(s.response, { nameGap: 48 }),
      series: series
    };
  }

  // the frontier tables follow the axes; the chosen stress's rows are highlighted
  function tables(s) {
    const xi = metricIndex[s.x], yi = metricIndex[s.y];
    choice('frontier-x').textContent = data.metrics[xi].label;
    choice('frontier-y').textContent = data.metrics[yi].label;
    const on = new Set(data.frontier[s.x + '|' + s.y]);
    const keys = data.variedKeys;
    const rows = data.points.filter(p => on.has(p.n))
      .sort((a, b) => a.context - b.context || a.values[xi] - b.values[xi] || a.n - b.n);
    const body = document.querySelector('#frontier-table tbody');
    body.textContent = '';
    rows.forEach(p => {
      const tr = document.createElement('tr');
      tr.dataset.point = p.n;
      tr.dataset.context = p.context;
      if (p.context === s.context) tr.className = 'on-context';
      const cell = (tag, text, cls) => {
        const c = document.createElement(tag);
        c.textContent = text;
        if (cls) c.className = cls;
        tr.appendChild(c);
      };
      cell('th', String(p.n));
      cell('td', p.stress);
      cell('td', p.policy);
      keys.forEach(k => cell('td', p.params[k] == null ? '-' : p.params[k]));
      cell('td', shown(s.x, p.values[xi]), 'num');
      cell('td', shown(s.y, p.values[yi]), 'num');
      cell('td', p.runId == null ? '-' : 'run ' + p.runId);
      body.appendChild(tr);
    });
    choice('worst-x').textContent = 'worst ' + data.metrics[xi].label;
    choice('worst-y').textContent = 'worst ' + data.metrics[yi].label;
    const wOn = new Set(data.worstFrontier[s.x + '|' + s.y]);
    const wBody = document.querySelector('#worst-table tbody');
    wBody.textContent = '';
    data.worst.filter(w => wOn.has(w.variant)).sort((a, b) => a.values[xi] - b.values[xi]).forEach(w => {
      const tr = document.createElement('tr');
      tr.dataset.variant = w.variant;
      const under = i => data.points.find(p => p.n === w.at[i]).stress + ' (point ' + w.at[i] + ')';
      [['th', w.variant], ['td', shown(s.x, w.values[xi]), 'num'], ['td', under(xi)],
        ['td', shown(s.y, w.values[yi]), 'num'], ['td', under(yi)]].forEach(([tag, text, cls]) => {
        const c = document.createElement(tag);
        c.textContent = text;
        if (cls) c.className = cls;
        tr.appendChild(c);
      });
      wBody.appendChild(tr);
    });
  }

  const builders = {
    frontier: (el, s) => frontierChart(s),
    worst: (el, s) => worstChart(s),
    response: (el, s) => responseChart(s, data.params[Number(el.dataset.param)])
  };

  const charts = new Map();
  function draw() {
    const s = state();
    let drawn = 0;
    document.querySelectorAll('.chart').forEach(el => {
      try {
        let chart = charts.get(el);
        if (!chart) {
          chart = echarts.init(el, null, { renderer: 'canvas' });
          charts.set(el, chart);
        }
        chart.setOption(builders[el.dataset.chart](el, s), true);
        el.setAttribute('data-rendered', 'true');
        drawn++;
      } catch (e) {
        window.reportError(el.id + ': ' + (e && e.stack ? e.stack : e));
      }
    });
    tables(s);
    document.body.setAttribute('data-charts-rendered', String(drawn));
  }

  ['context', 'x-metric', 'y-metric', 'response-metric'].forEach(id => choice(id).addEventListener('change', draw));
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));
  draw();
})();
