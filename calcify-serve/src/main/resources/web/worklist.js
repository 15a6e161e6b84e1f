// The worklist: every scan of the cohort, sortable (click a heading) and filterable, with a summary of the categories.
'use strict';
const CATEGORY_ORDER = ['0', '1-10', '11-100', '101-400', '>400', 'not scored'];
let rows = [];
let sortKey = 'scan';
let sortUp = true;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function showError(message) {
  const p = document.getElementById('error');
  p.textContent = message;
  p.hidden = false;
}

async function load() {
  const r = await fetch('api/scans');
  const body = await r.json();
  if (!r.ok) { showError(body.status + ': ' + body.error); return; }
  document.getElementById('cohort').textContent = body.cohort + ' (' + body.scans.length + ' scans)';
  rows = body.scans;
  drawCategories(body.categories);
  const ul = document.getElementById('statuses');
  ul.replaceChildren();
  for (const s of ['not_reviewed', 'in_review', 'signed']) ul.append(el('li', s.replace('_', ' ') + ': ' + (body.statuses[s] || 0), 'status-' + s));
  const sel = document.getElementById('category-filter');
  for (const c of CATEGORY_ORDER) if (body.categories[c] !== undefined) sel.append(el('option', c));
  render();
}

function drawCategories(counts) {
  const svg = document.getElementById('categories');
  const ns = 'http://www.w3.org/2000/svg';
  svg.replaceChildren();
  const cats = CATEGORY_ORDER.filter(c => counts[c] !== undefined || c !== 'not scored');
  const max = Math.max(1, ...cats.map(c => counts[c] || 0));
  const w = 400 / cats.length;
  cats.forEach((c, i) => {
    const n = counts[c] || 0;
    const h = 100 * n / max;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', 10 + i * w); bar.setAttribute('y', 115 - h);
    bar.setAttribute('width', w - 8); bar.setAttribute('height', h);
    bar.setAttribute('class', 'bar');
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 10 + i * w + (w - 8) / 2); label.setAttribute('y', 135); label.setAttribute('text-anchor', 'middle');
    label.textContent = c;
    const count = document.createElementNS(ns, 'text');
    count.setAttribute('x', 10 + i * w + (w - 8) / 2); count.setAttribute('y', 110 - h); count.setAttribute('text-anchor', 'middle');
    count.textContent = n;
    svg.append(bar, label, count);
  });
}

function render() {
  const text = document.getElementById('filter').value.toLowerCase();
  const status = document.getElementById('status-filter').value;
  const category = document.getElementById('category-filter').value;
  const shown = rows.filter(r => (!status || r.status === status) && (!category || (r.category || 'not scored') === category)
      && (!text || [r.scan, r.model, r.warnings, r.message].some(v => v && v.toLowerCase().includes(text))));
  shown.sort((a, b) => {
    const x = a[sortKey], y = b[sortKey];
    const c = x === y ? 0 : x === null || x === undefined ? 1 : y === null || y === undefined ? -1
        : typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return sortUp ? c : -c;
  });
  const tbody = document.querySelector('#worklist tbody');
  tbody.replaceChildren();
  for (const r of shown) {
    const tr = el('tr');
    tr.dataset.scan = r.scan;
    const name = el('td');
    if (r.detection === 'ok') {
      const a = el('a', r.scan);
      a.href = 'viewer.html?scan=' + encodeURIComponent(r.scan);
      name.append(a);
    } else {
      name.append(el('span', r.scan), el('span', ' (' + r.detection + ')', 'muted'));
    }
    const report = el('td');
    if (r.detection === 'ok') {
      const a = el('a', 'report');
      a.href = 'api/scans/' + encodeURIComponent(r.scan) + '/report.html';
      report.append(a);
    }
    const model = el('td', r.model ? r.model.slice(0, 40) + (r.model.length > 40 ? '…' : '') : '', 'model');
    if (r.model) model.title = r.model;
    tr.append(name, el('td', r.status.replace('_', ' '), 'status-' + r.status),
        el('td', r.agatston === null ? '' : r.agatston.toFixed(1), 'num'), el('td', r.category || ''),
        el('td', r.lesions === null ? '' : r.lesions, 'num'), el('td', r.warnings || r.message || '', 'warnings'), model,
        el('td', r.signed_by || ''), report);
    tbody.append(tr);
  }
  document.getElementById('count').textContent = shown.length + ' of ' + rows.length + ' shown';
}

document.querySelectorAll('#worklist th[data-key]').forEach(th => th.addEventListener('click', () => {
  sortUp = sortKey === th.dataset.key ? !sortUp : true;
  sortKey = th.dataset.key;
  document.querySelectorAll('#worklist th').forEach(h => h.classList.remove('up', 'down'));
  th.classList.add(sortUp ? 'up' : 'down');
  render();
}));
for (const id of ['filter', 'status-filter', 'category-filter']) document.getElementById(id).addEventListener('input', render);
load().catch(e => showError(String(e)));
