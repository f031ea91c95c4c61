// Peer: datarequests.org's letter generator (pdfmake), rendering the same letter text.
// Usage: node letter.js INPUT.json RUNS  -> prints JSON {"median_ms": ..., "bytes": ...}
const fs = require('fs');
const { Letter, PdfRenderer } = require('letter-generator');
const pdfMake = require('pdfmake/build/pdfmake');
const vfs = require('pdfmake/build/vfs_fonts');

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const runs = parseInt(process.argv[3] || '30', 10);

async function once() {
  const letter = new Letter({
    sender_address: input.sender, recipient_address: input.recipient,
    information_block: input.information, subject: input.subject, content: input.content,
    signature: { type: 'text', name: input.name },
  });
  const renderer = new PdfRenderer(letter);
  renderer.setFonts(vfs.pdfMake ? vfs.pdfMake.vfs : vfs, pdfMake.fonts || {
    Roboto: { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf',
              italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' } });
  const blob = await renderer.pdfBlob();
  return Buffer.from(await blob.arrayBuffer());
}

(async () => {
  let bytes = 0;
  for (let i = 0; i < 5; i++) { bytes = (await once()).length; }  // warm up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await once();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ median_ms: times[Math.floor(times.length / 2)], bytes }));
})().catch((error) => { console.error(error); process.exit(1); });
