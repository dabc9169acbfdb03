/**
 * What may be uploaded: documents, spreadsheets, slides, images, audio and video that members
 * share in a professional-development community. The type is decided by the extension, checked
 * against the file's first bytes, and served with OUR content type — never the browser's claim.
 * No HTML, SVG, script or executable: even served as attachments they have no place here.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

interface FileType {
  mime: string;
  /** Magic bytes at offset 0 (any of), or a custom check. */
  check: (b: Buffer) => boolean;
}

const starts = (sig: number[], offset = 0) => (b: Buffer) => sig.every((byte, i) => b[offset + i] === byte);
const anyOf = (...checks: Array<(b: Buffer) => boolean>) => (b: Buffer) => checks.some((c) => c(b));
/** Plain text: no NUL byte in the first 8 KB, and valid UTF-8. */
const text = (b: Buffer) => !b.subarray(0, 8192).includes(0) && isUtf8(b);

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export const FILE_TYPES: Record<string, FileType> = {
  pdf: { mime: 'application/pdf', check: starts([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: starts(ZIP) },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', check: starts(ZIP) },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', check: starts(ZIP) },
  odt: { mime: 'application/vnd.oasis.opendocument.text', check: starts(ZIP) },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', check: starts(ZIP) },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', check: starts(ZIP) },
  doc: { mime: 'application/msword', check: starts(OLE) },
  xls: { mime: 'application/vnd.ms-excel', check: starts(OLE) },
  ppt: { mime: 'application/vnd.ms-powerpoint', check: starts(OLE) },
  txt: { mime: 'text/plain; charset=utf-8', check: text },
  md: { mime: 'text/markdown; charset=utf-8', check: text },
  csv: { mime: 'text/csv; charset=utf-8', check: text },
  png: { mime: 'image/png', check: starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { mime: 'image/jpeg', check: starts([0xff, 0xd8, 0xff]) },
  jpeg: { mime: 'image/jpeg', check: starts([0xff, 0xd8, 0xff]) },
  gif: { mime: 'image/gif', check: anyOf(starts([0x47, 0x49, 0x46, 0x38, 0x37, 0x61]), starts([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) },
  webp: { mime: 'image/webp', check: (b) => starts([0x52, 0x49, 0x46, 0x46])(b) && starts([0x57, 0x45, 0x42, 0x50], 8)(b) },
  mp3: { mime: 'audio/mpeg', check: anyOf(starts([0x49, 0x44, 0x33]), (b) => b[0] === 0xff && (b[1] & 0xe0) === 0xe0) },
  mp4: { mime: 'video/mp4', check: starts([0x66, 0x74, 0x79, 0x70], 4) },
};

export const ALLOWED_EXTENSIONS = Object.keys(FILE_TYPES);

export type UploadCheck = { ok: true; name: string; ext: string; mime: string } | { ok: false; error: string };

/**
 * Refuse a client file name that carries a path (../, /, \ and look-alike slashes), control
 * characters, a leading dot, or more than 200 characters. We never build a path from it: it is
 * only the download name; refusing it is still the clear answer to a tampered upload.
 */
export function checkFileName(raw: string): { ok: true; name: string } | { ok: false; error: string } {
  const name = raw.normalize('NFC');
  if (!name.trim()) return { ok: false, error: 'resources.errors.file_missing' };
  if (/[/\\\u2215\u2044\u29f8\uff0f\uff3c]/.test(name) || name.includes('..') || name.startsWith('.')) return { ok: false, error: 'resources.errors.file_name' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(name) || [...name].length > 200) return { ok: false, error: 'resources.errors.file_name' };
  return { ok: true, name };
}

/** Check an upload: a safe name, an allowed extension, and first bytes matching it. */
export function checkUpload(file: { originalname: string; buffer: Buffer; size: number }): UploadCheck {
  const named = checkFileName(file.originalname);
  if (!named.ok) return named;
  if (file.size === 0) return { ok: false, error: 'resources.errors.file_empty' };
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, error: 'resources.errors.file_too_large' };
  const ext = /\.([a-z0-9]{1,5})$/i.exec(named.name)?.[1]?.toLowerCase() ?? '';
  const type = FILE_TYPES[ext];
  if (!type) return { ok: false, error: 'resources.errors.file_type' };
  if (!type.check(file.buffer)) return { ok: false, error: 'resources.errors.file_content' };
  return { ok: true, name: named.name, ext, mime: type.mime };
}

/** Content-Disposition for a download: attachment, an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
