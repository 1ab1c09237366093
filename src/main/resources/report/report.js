// Draws every <div class="chart" data-chart="kind"> of the committee report from the JSON in #report-data, then marks
// the page: data-charts-rendered on <body> counts the charts drawn. Errors go to #script-errors (see report.html).
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const runNames = data.runs.map(r => r.label);
  const stepNames = data.steps.map(s => 'step ' + s);
  // red for five lights (first in line) to green for one, as venues colour the indicator
  const LIGHT_COLOURS = { 5: '#cf222e', 4: '#e16f24', 3: '#d4a72c', 2: '#8fbf4d', 1: '#2da44e' };

  const amount = v => v == null ? '-' : Number(v).toLocaleString('en-US', { maximumFractionDigits: 2 });
  // axis ticks read short (18M, 250k, 0.63): a label of "18,000,000" would need more room than a chart has to spare
  const compact = v => {
    const a = Math.abs(v);
    const short = (x, unit) => Number(x.toFixed(2)).toString() + unit;
    if (a >= 1e9) return short(v / 1e9, 'B');
    if (a >= 1e6) return short(v / 1e6, 'M');
    if (a >= 1e4) return short(v / 1e3, 'k');
    return Number(Number(v).toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  };
  const valueAxis = extra => Object.assign({ type: 'value', axisLabel: { formatter: compact },
    nameTextStyle: { align: 'left' } }, extra);
  const tooltipAxis = { trigger: 'axis', valueFormatter: amount };
  // containLabel: the grid's margins are kept outside the axis labels, however long, so no label is ever cut off
  const grid = extra => Object.assign({ top: 64, left: 16, right: 24, bottom: 24, containLabel: true }, extra);
  const base = (title, extra) => Object.assign({
    animation: false,
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { top: 26, type: 'scroll' },
    grid: grid(),
    tooltip: tooltipAxis
  }, extra);
  const perRun = (values, type) => values.map((v, i) => ({ name: runNames[i], type: type, data: v, connectNulls: false }));

  const builders = {
    marks: el => {
      const market = el.dataset.market;
      return base('Mark price, ' + market, {
        xAxis: { type: 'category', data: stepNames },
        yAxis: valueAxis({ scale: true, name: market }),
        series: perRun(data.marks[market], 'line')
      });
    },
    fund: () => base('Insurance fund balance at the end of each step', {
      xAxis: { type: 'category', data: stepNames },
      yAxis: valueAxis({ name: 'balance' }),
      series: perRun(data.fund, 'line')
    }),
    liquidated: () => base('Liquidated notional per step', {
      xAxis: { type: 'category', data: stepNames },
      yAxis: valueAxis({ name: 'notional' }),
      series: perRun(data.liquidated, 'bar')
    }),
    adl: () => base('ADL notional per step', {
      xAxis: { type: 'category', data: stepNames },
      yAxis: valueAxis({ name: 'notional' }),
      series: perRun(data.adl, 'bar')
    }),
    leverage: () => buckets('Haircuts by leverage at the start', data.leverage),
    profit: () => buckets('Haircuts by profit decile at the stress marks', data.profit),
    queue: el => queue(Number(el.dataset.run)),
    differing: () => base('Haircut per account, the accounts that differ most', {
      grid: grid({ right: 32, bottom: 48 }),
      xAxis: valueAxis({ name: 'haircut', nameLocation: 'middle', nameGap: 24, nameTextStyle: {} }),
      yAxis: { type: 'category', data: data.differing.accounts, inverse: true },
      series: perRun(data.differing.haircut, 'bar')
    })
  };

  function buckets(title, b) {
    return base(title, {
      tooltip: {
        trigger: 'axis',
        formatter: params => params[0].axisValue + '<br>' + params.map(p =>
          p.marker + p.seriesName + ': ' + amount(p.value) + ' (' + b.hit[p.seriesIndex][p.dataIndex] + ' of '
          + b.accounts[p.seriesIndex][p.dataIndex] + ' accounts)').join('<br>')
      },
      xAxis: { type: 'category', data: b.labels, axisLabel: { interval: 0, rotate: b.labels.length > 7 ? 30 : 0 } },
      grid: grid({ bottom: 16 }),
      yAxis: valueAxis({ name: 'haircut' }),
      series: perRun(b.haircut, 'bar')
    });
  }

  function queue(runIndex) {
    const q = data.queue.runs[runIndex];
    const series = [5, 4, 3, 2, 1].map(lights => ({
      name: lights + (lights === 1 ? ' light' : ' lights'),
      type: 'bar',
      stack: 'queue',
      barCategoryGap: '10%',
      itemStyle: { color: LIGHT_COLOURS[lights] },
      data: q.rank.map((rank, i) => q.lights[i] === lights ? q.score[i] : null)
    }));
    series.push({
      name: 'closed by ADL at this step',
      type: 'scatter',
      symbol: 'triangle',
      symbolSize: 7,
      itemStyle: { color: '#1d2329' },
      data: q.rank.map((rank, i) => q.deleveraged[i] ? q.score[i] : null)
    });
    return base(runNames[runIndex] + ': ' + data.queue.market + ' ' + q.side.toLowerCase() + ' side, step ' + q.step
        + ', ' + q.length + ' positions', {
      tooltip: {
        trigger: 'axis',
        formatter: params => {
          const i = params[0].dataIndex;
          return 'rank ' + q.rank[i] + ': ' + q.account[i] + '<br>score ' + q.score[i].toPrecision(6) + ', size '
            + amount(q.size[i]) + '<br>percentile ' + q.percentile[i] + ', ' + q.lights[i] + ' lights'
            + (q.deleveraged[i] ? '<br>closed by ADL at this step' : '');
        }
      },
      xAxis: { type: 'category', data: q.rank, name: 'rank', nameLocation: 'middle', nameGap: 24 },
      yAxis: valueAxis({ name: 'ranking score' }),
      dataZoom: q.rank.length > 200 ? [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }] : [],
      grid: grid({ bottom: q.rank.length > 200 ? 72 : 48 }),
      series: series
    });
  }

  const drawn = [];
  document.querySelectorAll('.chart').forEach(el => {
    try {
      const chart = echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption(builders[el.dataset.chart](el));
      drawn.push(chart);
      el.setAttribute('data-rendered', 'true');
    } catch (e) {
      window.reportError(el.id + ': ' + (e && e.stack ? e.stack : e));
    }
  });
  window.addEventListener('resize', () => drawn.forEach(c => c.resize()));
  document.body.setAttribute('data-charts-rendered', String(drawn.length));
})();
