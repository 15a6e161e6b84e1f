// The viewer of one scan: NiiVue's axial, coronal and sagittal views of the scan with the label map coloured per artery,
// the lesion list and the scores; every change goes to the server, which answers with the new scores and lesions.
'use strict';
const scan = new URLSearchParams(location.search).get('scan');
const api = 'api/scans/' + encodeURIComponent(scan);
let legend = null;       // classes and windows, from the server (CalciumLabel, LabelColors, WindowPreset)
let view = null;         // the server's ReviewView
let selected = 0;        // selected lesion id (0: none)
let addMode = false;
let nv = null;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function say(text, good) {
  const m = document.getElementById('message');
  m.textContent = text;
  m.className = good ? 'good' : 'bad';
}

function classOf(name) { return legend.classes.find(c => c.name === name); }

function labelColormap() {
  const cm = { R: [], G: [], B: [], A: [], I: [], labels: [] };
  for (const c of legend.classes) {
    const rgb = parseInt(c.rgb.slice(1), 16);
    cm.R.push((rgb >> 16) & 255); cm.G.push((rgb >> 8) & 255); cm.B.push(rgb & 255);
    cm.A.push(c.label === 0 ? 0 : 255); cm.I.push(c.label); cm.labels.push(c.display);
  }
  return cm;
}

async function call(method, path, body) {
  const init = { method, headers: {} };
  if (body) {
    body.reader = document.getElementById('reader').value || undefined;
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(api + path, init);
  const json = await r.json();
  if (!r.ok) {
    const e = new Error(json.error || ('HTTP ' + r.status));
    e.status = r.status;
    throw e;
  }
  return json;
}

async function change(path, body) {
  try {
    const t0 = performance.now();
    view = await call('POST', path, Object.assign({ version: view.version }, body));
    renderSide();
    say('saved (version ' + view.version + ', scores in ' + Math.round(performance.now() - t0) + ' ms)', true);
    await reloadLabels();
  } catch (e) {
    say(e.message);
    if (e.status === 409) { view = await call('GET', ''); renderSide(); await reloadLabels(); }
  }
}

async function reloadLabels() {
  const opacity = document.getElementById('opacity').value / 100;
  const old = nv.volumes.length > 1 ? 1 : -1;
  const vol = await niivue.NVImage.loadFromUrl({ url: api + '/labels.nii.gz?v=' + view.version, name: 'labels.nii.gz', opacity });
  vol.setColormapLabel(labelColormap());
  if (old > 0) nv.removeVolumeByIndex(old);
  nv.addVolume(vol);
  nv.setOpacity(1, opacity);
  nv.updateGLVolume();
  document.body.dataset.labelsVersion = String(view.version);
}

function renderSide() {
  document.getElementById('title').textContent = view.scan;
  const st = document.getElementById('status');
  st.textContent = view.status.replace('_', ' ') + ' · version ' + view.version;
  st.className = 'status-' + view.status;
  document.body.dataset.version = String(view.version);
  document.body.dataset.status = view.status;
  document.getElementById('undo').disabled = !view.can_undo;
  const s = view.scores;
  const tbody = document.querySelector('#scores tbody');
  tbody.replaceChildren();
  const row = (name, t, rgb) => {
    const tr = el('tr');
    const head = el('td');
    if (rgb) { const sw = el('span', null, 'swatch'); sw.style.background = rgb; head.append(sw); }
    head.append(name);
    tr.append(head, el('td', t.agatston.toFixed(1), 'num'), el('td', t.volume_mm3.toFixed(1), 'num'), el('td', t.mass_mg.toFixed(1), 'num'));
    tr.dataset.artery = name;
    tbody.append(tr);
  };
  for (const a of ['LM', 'LAD', 'LCX', 'RCA']) row(a, s.arteries[a], classOf(a).rgb);
  row('total', s, null);
  document.getElementById('category').textContent = s.category;
  document.getElementById('score-time').textContent = '(scored in ' + view.score_ms + ' ms)';
  document.getElementById('model').textContent = 'Proposed by ' + view.model;
  const lt = document.querySelector('#lesions tbody');
  lt.replaceChildren();
  for (const l of view.lesions) {
    const tr = el('tr');
    tr.dataset.lesion = l.id;
    tr.dataset.current = l.current;
    if (l.id === selected) tr.classList.add('selected');
    if (l.current !== l.proposed) tr.classList.add('changed');
    const cur = el('td', null, 'current');
    const sel = el('select');
    sel.setAttribute('aria-label', 'class of lesion ' + l.id);
    for (const c of legend.classes) {
      const o = el('option', c.key + ' ' + c.display);
      o.value = c.name;
      if (c.name === l.current) o.selected = true;
      sel.append(o);
    }
    sel.addEventListener('click', e => e.stopPropagation());
    sel.addEventListener('change', () => change('/lesions/' + l.id + '/class', { class: sel.value }));
    const sw = el('span', null, 'swatch');
    sw.style.background = classOf(l.current).rgb;
    cur.append(sw, sel);
    tr.append(el('td', l.id + (l.added ? ' +' : '')), el('td', classOf(l.proposed).display), cur, el('td', l.voxels, 'num'), el('td', l.peak_hu, 'num'));
    tr.addEventListener('click', () => select(l.id, true));
    lt.append(tr);
  }
}

function select(id, jump) {
  selected = id;
  document.querySelectorAll('#lesions tr').forEach(tr => tr.classList.toggle('selected', Number(tr.dataset.lesion) === id));
  const l = view.lesions.find(x => x.id === id);
  if (jump && l && nv) {
    // NiiVue works in RAS mm (its voxel indices are those of the volume turned to RAS, not the file's)
    nv.scene.crosshairPos = nv.mm2frac(l.peak_ras_mm);
    nv.drawScene();
    document.body.dataset.selected = String(id);
  }
}

function onLocation(data) {
  if (!addMode || !data || !data.mm) return;
  setAddMode(false);
  change('/lesions', { ras_mm: Array.from(data.mm).slice(0, 3), class: document.getElementById('add-class').value });
}

function setAddMode(on) {
  addMode = on;
  document.getElementById('add').classList.toggle('active', on);
  if (on) say('click a voxel of at least 130 HU (Esc: cancel)', true);
}

function setWindow(name) {
  const [lo, hi] = legend.windows[name];
  nv.volumes[0].cal_min = lo;
  nv.volumes[0].cal_max = hi;
  nv.updateGLVolume();
  document.querySelectorAll('#windows button').forEach(b => b.classList.toggle('active', b.dataset.window === name));
}

function onKey(e) {
  if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') return;
  const c = legend.classes.find(k => k.key === e.key);
  if (c && selected) { change('/lesions/' + selected + '/class', { class: c.name }); return; }
  const i = view.lesions.findIndex(l => l.id === selected);
  if (e.key === 'n' && view.lesions.length) select(view.lesions[(i + 1) % view.lesions.length].id, true);
  else if (e.key === 'p' && view.lesions.length) select(view.lesions[(i - 1 + view.lesions.length) % view.lesions.length].id, true);
  else if (e.key === 'u' && view.can_undo) change('/undo', {});
  else if (e.key === 'a') setAddMode(!addMode);
  else if (e.key === 'Escape') setAddMode(false);
}

async function main() {
  nv = new niivue.Niivue({ backColor: [0, 0, 0, 1], crosshairColor: [0.85, 0.85, 0.85, 0.6], show3Dcrosshair: false, isOrientCube: false,
    multiplanarShowRender: niivue.SHOW_RENDER.NEVER, isRadiologicalConvention: true, dragAndDropEnabled: false });
  await nv.attachToCanvas(document.getElementById('gl'));
  nv.setSliceType(nv.sliceTypeMultiplanar);
  nv.setMultiplanarLayout(niivue.MULTIPLANAR_TYPE.GRID);
  nv.onLocationChange = onLocation;
  // the scan travels while the server opens the review (reads the scan, finds the lesions, scores)
  const t0 = performance.now();
  const ctLoaded = nv.loadVolumes([{ url: api + '/ct.nii.gz', name: 'ct.nii.gz', colormap: 'gray' }])
    .then(() => { document.body.dataset.ctMillis = String(Math.round(performance.now() - t0)); });
  const [legendAnswer, firstView] = await Promise.all([fetch('api/legend').then(r => r.json()), call('GET', '')]);
  legend = legendAnswer;
  view = firstView;
  document.getElementById('reader').value = localStorage.getItem('calcify-reader') || '';
  document.getElementById('reader').addEventListener('change', e => localStorage.setItem('calcify-reader', e.target.value));
  const addClass = document.getElementById('add-class');
  for (const c of legend.classes.filter(c => c.label !== 0)) { const o = el('option', c.display); o.value = c.name; addClass.append(o); }
  document.getElementById('key-help').textContent = legend.classes.map(c => c.key + ' ' + c.name).join(', ');
  const wins = document.getElementById('windows');
  for (const w of Object.keys(legend.windows)) {
    const b = el('button', w);
    b.dataset.window = w;
    b.addEventListener('click', () => setWindow(w));
    wins.append(b);
  }
  renderSide();
  await ctLoaded;
  setWindow('mediastinum');
  await reloadLabels();
  document.body.dataset.openMillis = String(Math.round(performance.now() - t0));
  if (view.lesions.length) select(view.lesions[0].id, true);
  document.getElementById('add').addEventListener('click', () => setAddMode(!addMode));
  document.getElementById('undo').addEventListener('click', () => change('/undo', {}));
  document.getElementById('sign').addEventListener('click', () => change('/sign', {}));
  document.getElementById('opacity').addEventListener('input', e => { if (nv.volumes.length > 1) { nv.setOpacity(1, e.target.value / 100); } });
  document.addEventListener('keydown', onKey);
  document.body.dataset.ready = 'true';
}

main().catch(e => { say(String(e.message || e)); document.body.dataset.ready = 'error'; });
