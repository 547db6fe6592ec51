// Child process for the PDF sandbox test: prints a small report with htmlToPdf, as the command
// line does, and writes the PDF's size on stdout.
import { htmlToPdf } from '../../main/playbooks/pdf';

htmlToPdf('<!doctype html><h1>RACI report</h1>').then(
  (pdf) => process.stdout.write(`${pdf.byteLength}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
