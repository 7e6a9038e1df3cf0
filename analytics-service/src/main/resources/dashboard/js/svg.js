// A few helpers to build inline SVG (no library, nothing loaded from elsewhere).
const NS = 'http://www.w3.org/2000/svg';

export function svg(name, attributes = {}, children = []) {
  const element = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(key, String(value));
  }
  for (const child of children) element.append(child);
  return element;
}

export function text(x, y, content, attributes = {}) {
  const element = svg('text', { x, y, ...attributes });
  element.textContent = content;
  return element;
}

export function html(name, attributes = {}, children = []) {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') element.textContent = value;
    else if (key === 'className') element.className = value;
    else element.setAttribute(key, String(value));
  }
  for (const child of children) element.append(child);
  return element;
}

export function empty(message, testId) {
  return html('p', { className: 'empty', 'data-testid': testId, text: message });
}
