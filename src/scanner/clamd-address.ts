/** Where clamd listens: a TCP port (`TCPSocket` in clamd.conf) or its local socket (`LocalSocket`). */
export type ClamdAddress = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

/**
 * KLUIS_CLAMD_URL: `tcp://127.0.0.1:3310` or `unix:///run/clamav/clamd.ctl`; null when it is neither.
 * No credentials, path or query on a TCP address: clamd has no authentication, so a URL that carries any
 * is a mistake better caught at start-up.
 */
export function parseClamdUrl(text: string): ClamdAddress | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol === 'unix:') {
    const path = decodeURIComponent(url.pathname);
    return url.host === '' && path.startsWith('/') && path.length > 1 ? { kind: 'unix', path } : null;
  }
  if (url.protocol !== 'tcp:' || url.hostname === '' || url.port === '') return null;
  if (
    url.username !== '' ||
    url.password !== '' ||
    (url.pathname !== '' && url.pathname !== '/') ||
    url.search !== '' ||
    url.hash !== ''
  )
    return null;
  return { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) };
}

/** The address as people read it in a message: `127.0.0.1:3310`, `/run/clamav/clamd.ctl`. */
export function describeClamdAddress(address: ClamdAddress): string {
  return address.kind === 'tcp'
    ? `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`
    : address.path;
}
