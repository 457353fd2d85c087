// CSRF defence for every non-GET request: a request that names a foreign origin is refused.
// Plain JS (no build step) because the HTTP server loads it before the Remix bundle.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * @param {{ method: string, origin?: string | null, secFetchSite?: string | null, host?: string | null, protocol: string }} request
 * @param {string[]} allowedOrigins extra origins, e.g. the public address behind a proxy
 * @returns {boolean} whether the request may proceed
 */
export function isSameOriginRequest(request, allowedOrigins = []) {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const origin = request.origin;
  if (!origin) {
    // Browsers always send Origin on cross-site POSTs; Sec-Fetch-Site is a second signal.
    return request.secFetchSite !== "cross-site";
  }
  if (origin === "null") return false;
  const own = `${request.protocol}://${request.host}`;
  return origin === own || allowedOrigins.includes(origin);
}
