// Renders the bench table (bench/template) with docxtemplater and Carbone,
// the same rows and data as beraad-render-bench, and prints the ratios.
// Usage: node compare.js ROWS_CSV BERAAD_JSON   (bench/render-compare runs it)
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');
const PizZip = require('pizzip');
const Docxtemplater = require('docxtemplater');
const carbone = require('carbone');

const root = path.resolve(__dirname, '..');
const skeleton = path.join(root, 'tests/golden/_skeleton/docx');

function readTree(dir, base = '', out = {}) {
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    const rel = base ? `${base}/${name}` : name;
    if (fs.statSync(full).isDirectory()) readTree(full, rel, out);
    else out[rel] = fs.readFileSync(full);
  }
  return out;
}

function docx(title, rows) {
  const row = fs.readFileSync(path.join(__dirname, 'template/row.xml'), 'utf8');
  const fill = (text, values) => Object.entries(values).reduce((t, [k, v]) => t.split(`@${k}@`).join(v), text);
  const document = fill(fs.readFileSync(path.join(__dirname, 'template/document.xml'), 'utf8'), {
    TITLE: title,
    ROWS: rows.map((r) => fill(row, r)).join('\n'),
  });
  const zip = new PizZip();
  for (const [name, data] of Object.entries(readTree(skeleton))) zip.file(name, data);
  zip.file('word/document.xml', document);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const docxtemplaterTemplate = docx('{titel}', [
  { NAAM: '{#rows}{naam}', PLAATS: '{plaats}', DATUM: '{datum}', BEDRAG: '{bedrag}{/rows}' },
]);
const carboneTemplate = docx('{d.titel}', [
  { NAAM: '{d.rows[i].naam}', PLAATS: '{d.rows[i].plaats}', DATUM: '{d.rows[i].datum}', BEDRAG: '{d.rows[i].bedrag}' },
  { NAAM: '{d.rows[i+1].naam}', PLAATS: '{d.rows[i+1].plaats}', DATUM: '{d.rows[i+1].datum}', BEDRAG: '{d.rows[i+1].bedrag}' },
]);
const carbonePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beraad-carbone-')), 'table.docx');
fs.writeFileSync(carbonePath, carboneTemplate);

function data(n) {
  const rows = [];
  for (let i = 1; i <= n; i++) rows.push({ naam: `Partner ${i}`, plaats: 'Enschede', datum: '2026-01-01', bedrag: (i * 1000 + 0.5).toFixed(6) });
  return { titel: `Bench met ${n} rijen`, rows };
}

function renderDocxtemplater(d) {
  const doc = new Docxtemplater(new PizZip(docxtemplaterTemplate), { paragraphLoop: true, linebreaks: true });
  doc.render(d);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function renderCarbone(d) {
  return new Promise((resolve, reject) => carbone.render(carbonePath, d, {}, (err, result) => (err ? reject(err) : resolve(result))));
}

async function time(iterations, work) {
  // The same warm-up beraad-render-bench gives itself.
  for (let i = 0; i < Math.min(iterations, 10); i++) await work();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await work();
  return Number(process.hrtime.bigint() - start) / 1e6 / iterations;
}

(async () => {
  const sizes = process.argv[2].split(',').map(Number);
  const ours = JSON.parse(process.argv[3]);
  console.log('rows     beraad ms  docxtemplater ms  carbone ms  rezip ms | beraad/rezip  docxt/beraad  carbone/beraad  peak MiB (beraad)');
  for (const n of sizes) {
    const d = data(n);
    const iterations = Math.max(3, Math.floor(20000 / n));
    const dt = await time(iterations, () => renderDocxtemplater(d));
    const cb = await time(iterations, () => renderCarbone(d));
    const b = ours.find((o) => o.rows === n);
    console.log(
      `${String(n).padEnd(8)} ${b.ms.toFixed(2).padStart(9)} ${dt.toFixed(2).padStart(17)} ${cb.toFixed(2).padStart(11)} ${b.rezipMs.toFixed(2).padStart(9)} | ` +
        `${(b.ms / b.rezipMs).toFixed(2).padStart(12)} ${(dt / b.ms).toFixed(2).padStart(13)} ${(cb / b.ms).toFixed(2).padStart(15)} ${b.peakMiB.toFixed(1).padStart(10)}`,
    );
  }
  console.log('ratios > 1 in the docxt/beraad and carbone/beraad columns mean Beraad renders faster; beraad/rezip is the cost relative to unzip+rezip of the same output (target <= 1.5).');
})().catch((e) => { console.error(e); process.exit(1); });
