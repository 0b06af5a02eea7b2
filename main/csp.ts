// The one content security policy: the Electron window and the browser host both send it,
// and renderer/index.html carries it as a meta tag for pages loaded from file://.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
].join('; ');
