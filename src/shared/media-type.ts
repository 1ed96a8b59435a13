// What a file's first bytes say it is, for the few formats that say so unmistakably.
const SIGNATURES: { type: string; magic: number[]; claims: RegExp }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d], claims: /^application\/(x-)?pdf$/ },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], claims: /^image\/(x-)?png$/ },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff], claims: /^image\/p?jpe?g$/ },
  { type: 'image/gif', magic: [0x47, 0x49, 0x46, 0x38], claims: /^image\/gif$/ },
  // Office documents, OpenDocument and e-books are zip files underneath.
  {
    type: 'application/zip',
    magic: [0x50, 0x4b, 0x03, 0x04],
    claims: /zip|openxmlformats|opendocument|epub|java-archive|vnd\.ms-/,
  },
];

// A Windows program: MZ, and at the offset in 0x3c the PE header. Never what a letter or a photo claims to be.
const PROGRAM = {
  type: 'application/x-msdownload',
  claims: /^application\/(x-msdownload|x-dosexec|vnd\.microsoft\.portable-executable|octet-stream)$/,
};
function isWindowsProgram(content: Uint8Array): boolean {
  if (content.length < 64 || content[0] !== 0x4d || content[1] !== 0x5a) return false;
  const at = Buffer.from(content.buffer, content.byteOffset, content.length).readUInt32LE(0x3c);
  return (
    at + 4 <= content.length && content[at] === 0x50 && content[at + 1] === 0x45 && content[at + 2] === 0 && content[at + 3] === 0
  );
}

/**
 * The media type to keep for an attachment: the one it claims, unless its content unmistakably is something
 * else (a program sent as image/png, a PDF sent as text/plain); then what it is, so that no one opens it
 * believing the label. Content without a known signature keeps its claim.
 */
export function mediaTypeOf(content: Uint8Array, claimed: string): string {
  const found = isWindowsProgram(content) ? PROGRAM : SIGNATURES.find((s) => s.magic.every((byte, i) => content[i] === byte));
  if (found === undefined || found.claims.test(claimed)) return claimed;
  return found.type;
}
