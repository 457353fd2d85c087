// Small real files for upload tests: a PDF from pdfkit, a 1×1 PNG, a minimal JPEG, and things
// that only pretend to be documents (text and a Windows executable named .pdf).
import PDFDocument from "pdfkit";

export function samplePdf(text = "Teilnahmebescheinigung"): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", compress: false });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  doc.fontSize(18).text(text);
  doc.end();
  return done;
}

export const SAMPLE_PNG = new Uint8Array(
  Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e30000000049454e44ae426082", "hex"),
);
export const SAMPLE_JPEG = new Uint8Array(Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex"));
export const TEXT_AS_PDF = new Uint8Array(Buffer.from("Das ist kein PDF, nur Text mit der Endung .pdf\n", "utf8"));
export const EXE_AS_PDF = new Uint8Array(Buffer.from("4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000", "hex"));

/** A PDF header followed by filler, `bytes` long (for the size limit). */
export function largePdf(bytes: number) {
  const out = new Uint8Array(bytes);
  out.set(Buffer.from("%PDF-1.4\n", "latin1"));
  out.fill(0x20, 9);
  return out;
}
