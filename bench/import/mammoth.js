// One node process reads every .docx in a folder with mammoth.extractRawText, sequentially, like ImportBench does.
const fs = require("fs");
const path = require("path");
const mammoth = require("mammoth");

async function main() {
  const dir = process.argv[2];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".docx")).sort();
  let chars = 0;
  const started = process.hrtime.bigint();
  for (const f of files) {
    const result = await mammoth.extractRawText({ path: path.join(dir, f) });
    chars += result.value.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`mammoth: ${files.length} files in ${seconds.toFixed(2)} s = ${(files.length / seconds).toFixed(1)} files/s (${chars} output units)`);
}

main().catch((e) => { console.error(e); process.exit(1); });
