import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of each page of a PDF, as a reader's PDF viewer extracts it (Mozilla's pdf.js): the items of a page
 * joined by spaces, runs of white space (no-break spaces included) made one space.
 */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const content = await (await document.getPage(n)).getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      pages.push(text.replace(/[\s\u00a0]+/g, ' ').trim());
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
