// The explore page: draws the embedded grid (script#explore-data) as SVG for the cell the controls select.
// Plain JavaScript, no library. Test hooks: the svg's data-* attributes give the scales, each curve's
// data-points its number of drawn points; body[data-ready] is set after the first drawing.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('explore-data').textContent);
  const $ = id => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 940, H = 440, LEFT = 70, RIGHT = 20, TOP = 24, BOTTOM = 44;
  const PW = W - LEFT - RIGHT, PH = H - TOP - BOTTOM;
  const lr = $('lr'), batch = $('batch'), shuffle = $('shuffle');
  const N = data.trainingExamples;

  lr.max = data.learningRates.length - 1;
  batch.max = data.batchSizes.length - 1;
  lr.value = Math.max(0, data.learningRates.indexOf(nearest(data.learningRates, 0.1)));
  batch.value = Math.max(0, data.batchSizes.indexOf(nearest(data.batchSizes, 16)));
  // a link can name the cell and the axis: #lr=0.1&b=16&shuffle=0&x=steps
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.has('lr')) lr.value = Math.max(0, data.learningRates.indexOf(nearest(data.learningRates, +hash.get('lr'))));
  if (hash.has('b')) batch.value = Math.max(0, data.batchSizes.indexOf(nearest(data.batchSizes, +hash.get('b'))));
  if (hash.has('shuffle')) shuffle.checked = hash.get('shuffle') !== '0';
  if (hash.get('x') === 'steps') $('x-steps').checked = true;
  $('patience').textContent = data.earlyStopping.patience;
  $('epochs-count').textContent = data.epochs;

  function nearest(values, target) {
    return values.reduce((a, b) => Math.abs(Math.log(b / target)) < Math.abs(Math.log(a / target)) ? b : a);
  }

  function fmt(v) {
    if (v === null || v === undefined) return 'NaN/Inf';
    if (v === 0) return '0';
    const a = Math.abs(v);
    return a >= 1e-3 && a < 1e5 ? v.toPrecision(6) : v.toExponential(3);
  }

  function cell() {
    const l = data.learningRates[+lr.value], b = data.batchSizes[+batch.value], s = shuffle.checked;
    return data.cells.find(c => c.learningRate === l && c.batchSize === b && c.shuffle === s);
  }

  function xMode() {
    return $('x-steps').checked ? 'steps' : 'epochs';
  }

  // One y range per x-axis mode over every cell, so that moving a control never rescales the axis.
  function yRange(mode) {
    let lo = Infinity, hi = -Infinity;
    for (const c of data.cells) {
      for (const side of [c.engine, c.dl4j]) {
        for (const v of (mode === 'steps' ? side.stepLoss : side.epochLoss).concat(side.validationLoss)) {
          if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        }
      }
    }
    if (lo === Infinity) { lo = 0; hi = 1; }
    if (lo > 0) {
      lo = Math.max(lo, hi * 1e-6);              // a loss of 1e-12 at one step would squash everything else
      return {log: true, lo: lo, hi: hi * 1.05};
    }
    return {log: false, lo: lo, hi: hi === lo ? lo + 1 : hi + 0.05 * (hi - lo)};
  }

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function text(parent, x, y, s, attrs) {
    const t = el('text', Object.assign({x: x, y: y}, attrs || {}), parent);
    t.textContent = s;
    return t;
  }

  function ticks(lo, hi, count) {
    const step = Math.pow(10, Math.floor(Math.log10((hi - lo) / count)));
    const nice = [1, 2, 5, 10].map(m => m * step).find(s => (hi - lo) / s <= count) || 10 * step;
    const out = [];
    for (let v = Math.ceil(lo / nice) * nice; v <= hi + 1e-9 * nice; v += nice) out.push(+v.toPrecision(12));
    return out;
  }

  function logTicks(lo, hi) {
    const out = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of (Math.log10(hi / lo) > 3 ? [1] : [1, 2, 5])) {
        const v = m * Math.pow(10, e);
        if (v >= lo && v <= hi) out.push(v);
      }
    }
    return out;
  }

  function render() {
    const c = cell();
    const mode = xMode();
    const svg = $('chart');
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const E = data.epochs, spe = c.stepsPerEpoch, total = spe * E;
    const x0 = 1, x1 = mode === 'steps' ? Math.max(total, 2) : Math.max(E, 2);
    const y = yRange(mode);
    const X = v => LEFT + PW * (v - x0) / (x1 - x0);
    const Y = v => {
      const f = y.log ? (Math.log(Math.max(v, y.lo)) - Math.log(y.lo)) / (Math.log(y.hi) - Math.log(y.lo))
                      : (v - y.lo) / (y.hi - y.lo);
      return TOP + PH * (1 - Math.min(1, Math.max(0, f)));
    };
    Object.assign(svg.dataset, {xmode: mode, x0: x0, x1: x1, y0: y.lo, y1: y.hi, yscale: y.log ? 'log' : 'linear',
      left: LEFT, top: TOP, width: PW, height: PH});

    // axes and grid
    const axes = el('g', {class: 'axes'}, svg);
    for (const v of (y.log ? logTicks(y.lo, y.hi) : ticks(y.lo, y.hi, 6))) {
      el('line', {x1: LEFT, x2: LEFT + PW, y1: Y(v), y2: Y(v), stroke: '#eee'}, axes);
      text(axes, LEFT - 6, Y(v) + 4, String(+v.toPrecision(3)), {'text-anchor': 'end'});
    }
    const xt = mode === 'epochs' && E <= 30 ? Array.from({length: E}, (_, i) => i + 1) : ticks(x0, x1, 8).filter(v => v >= 1);
    for (const v of xt) {
      el('line', {x1: X(v), x2: X(v), y1: TOP + PH, y2: TOP + PH + 5, stroke: '#333'}, axes);
      text(axes, X(v), TOP + PH + 18, String(v), {'text-anchor': 'middle'});
    }
    el('rect', {x: LEFT, y: TOP, width: PW, height: PH, fill: 'none', stroke: '#333'}, axes);
    text(axes, LEFT + PW / 2, H - 6, mode === 'steps' ? 'step (one update from one mini-batch of B examples)'
      : 'epoch (one pass over all ' + N + ' training examples)', {'text-anchor': 'middle'});
    text(axes, 14, TOP + PH / 2, 'loss' + (y.log ? ' (log scale)' : ''),
      {'text-anchor': 'middle', transform: 'rotate(-90 14 ' + (TOP + PH / 2) + ')'});
    if (mode === 'steps') {                     // where each epoch ends: every spe steps
      const g = el('g', {id: 'epoch-lines'}, svg);
      for (let e = 1; e < E; e++) {
        el('line', {class: 'epoch-line', x1: X(e * spe), x2: X(e * spe), y1: TOP, y2: TOP + PH, stroke: '#ccc',
          'stroke-dasharray': '2 3'}, g);
      }
    }

    // the curves: x positions of the training points and of the validation points
    const trainX = i => i + 1;
    const valX = mode === 'steps' ? i => (i + 1) * spe : i => i + 1;
    const series = [
      ['engine-train', mode === 'steps' ? c.engine.stepLoss : c.engine.epochLoss, trainX, '#1f77b4', 2.5, ''],
      ['dl4j-train', mode === 'steps' ? c.dl4j.stepLoss : c.dl4j.epochLoss, trainX, '#ff7f0e', 1.5, '6 4'],
      ['engine-validation', c.engine.validationLoss, valX, '#2ca02c', 2.5, ''],
      ['dl4j-validation', c.dl4j.validationLoss, valX, '#9467bd', 1.5, '6 4']];
    for (const [name, values, at, colour, width, dash] of series) {
      let d = '', points = 0, pen = false;
      values.forEach((v, i) => {
        if (v === null) { pen = false; return; }      // NaN or infinite: no point (see the divergence band)
        d += (pen ? 'L' : 'M') + X(at(i)).toFixed(2) + ',' + Y(v).toFixed(2);
        pen = true;
        points++;
      });
      // a single point draws nothing as a line: mark each point when the curve is short
      el('path', {id: 'curve-' + name, class: 'curve', d: d, fill: 'none', stroke: colour, 'stroke-width': width,
        'stroke-dasharray': dash, 'data-points': points, 'data-values': values.length}, svg);
      if (values.length <= 40) {
        values.forEach((v, i) => {
          if (v !== null) el('circle', {cx: X(at(i)), cy: Y(v), r: width + 0.5, fill: colour}, svg);
        });
      }
    }

    // early stopping's pick (engine)
    const best = c.engine.earlyStopping.bestEpoch;
    if (best > 0) {
      const bx = X(mode === 'steps' ? best * spe : best);
      el('line', {id: 'best-line', 'data-epoch': best, x1: bx, x2: bx, y1: TOP, y2: TOP + PH, stroke: '#555',
        'stroke-dasharray': '1 3', 'stroke-width': 2}, svg);
      const right = bx > LEFT + PW - 120;        // near the right edge the label goes to the left of the line
      text(svg, right ? bx - 4 : bx + 4, TOP + 14, 'best epoch ' + best, {fill: '#555', 'text-anchor': right ? 'end' : 'start'});
    }

    // divergence: from the first NaN or infinite loss on, a red band to the end of the run
    const notes = [];
    [['engine', c.engine], ['dl4j', c.dl4j]].forEach(([name, side], k) => {
      const dv = side.diverged;
      if (!dv) return;
      const at = mode === 'steps' ? dv.step : dv.epoch;
      const bx = X(Math.max(x0, at));
      const g = el('g', {id: 'divergence-' + name, 'data-step': dv.step, 'data-epoch': dv.epoch}, svg);
      el('rect', {x: bx, y: TOP + k * PH / 2, width: Math.max(2, LEFT + PW - bx), height: PH / 2, fill: '#d62728',
        'fill-opacity': 0.15}, g);
      text(g, bx, TOP + k * PH / 2 + 16, ' \u2715 ' + (name === 'dl4j' ? 'DL4J' : 'engine') + ': ' + dv.value
        + ' from step ' + dv.step + ' (epoch ' + dv.epoch + ')', {fill: '#b00', 'font-weight': 'bold'});
      notes.push((name === 'dl4j' ? 'DL4J' : 'the engine') + '\u2019s ' + dv.quantity + ' is ' + dv.value + ' from step '
        + dv.step + ' (epoch ' + dv.epoch + ') on');
    });

    // readouts
    $('lr-value').textContent = c.learningRate;
    $('batch-value').textContent = c.batchSize + (c.batchSize === N ? ' (all ' + N + ')' : '');
    $('steps-formula').textContent = (data.dropLast ? 'floor' : 'ceil') + '(N / B) = ' + (data.dropLast ? 'floor' : 'ceil')
      + '(' + N + ' / ' + c.batchSize + ')';
    $('steps-per-epoch').textContent = spe;
    $('total-steps').textContent = total;
    $('best-engine').textContent = c.engine.earlyStopping.bestEpoch;
    $('best-dl4j').textContent = c.dl4j.earlyStopping.bestEpoch;
    $('stop-engine').textContent = c.engine.earlyStopping.stoppedAfter > 0
      ? 'it would stop after epoch ' + c.engine.earlyStopping.stoppedAfter + ' (' + c.engine.earlyStopping.reason + ')'
      : c.engine.earlyStopping.reason;
    const last = a => a[a.length - 1];
    $('final-train-engine').textContent = fmt(last(c.engine.epochLoss));
    $('final-train-dl4j').textContent = fmt(last(c.dl4j.epochLoss));
    $('final-val-engine').textContent = fmt(last(c.engine.validationLoss));
    $('final-val-dl4j').textContent = fmt(last(c.dl4j.validationLoss));
    $('largest-diff').textContent = fmt(c.largestStepDifference);
    const note = $('divergence-note');
    note.hidden = notes.length === 0;
    note.textContent = notes.length ? 'Diverged: ' + notes.join('; ') + '. A NaN or infinite loss is not drawn:'
      + ' the red band marks where the losses stop being numbers.' : '';
    history.replaceState(null, '', '#lr=' + c.learningRate + '&b=' + c.batchSize + '&shuffle=' + (c.shuffle ? 1 : 0)
      + '&x=' + mode);
    document.body.dataset.ready = '1';
  }

  for (const control of [lr, batch, shuffle, $('x-epochs'), $('x-steps')]) {
    control.addEventListener('input', render);
    control.addEventListener('change', render);
  }
  render();
})();
