import type PDFDocumentClass from 'pdfkit';

/**
 * A new PDF document. pdfkit is loaded on the first PDF asked for, not when the server starts (it
 * is half a second of module loading, for two rarely used exports: PD hours and value stories).
 */
export function pdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PDFDocument = require('pdfkit') as typeof PDFDocumentClass;
  return new PDFDocument(options);
}
