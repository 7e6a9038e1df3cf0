// The analytics API as the dashboard reads it: relative to the page (<dashboard path>/api/...), so the same page
// works on the service's port and behind an ingress that exposes only the dashboard path.

export class ApiError extends Error {
  constructor(path, status, detail) {
    super(`${path}: ${status}${detail ? ` ${detail}` : ''}`);
    this.status = status;
  }
}

function url(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  }
  const text = query.toString();
  return `api/${path}${text ? `?${text}` : ''}`;
}

/** The JSON answer of GET api/<path>; an ApiError for any status but 2xx. */
export async function get(path, params) {
  const response = await fetch(url(path, params), { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = '';
    try {
      const problem = await response.json();
      detail = problem.detail ?? problem.title ?? '';
    } catch {
      // not a problem document
    }
    throw new ApiError(path, response.status, detail);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Like get, but null when the figures do not exist (404). */
export async function optional(path, params) {
  try {
    return await get(path, params);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
