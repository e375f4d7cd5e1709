// Saves a screenshot of URL after the page has rendered, through the Chrome DevTools Protocol of a
// headless Chromium started with --remote-debugging-port. Chromium's own --screenshot flag shoots at
// the load event, before a Blazor page such as the Aspire dashboard has drawn anything.
// Usage: node --experimental-websocket scripts/cdp-screenshot.mjs DEBUG_PORT URL OUTPUT.png [SETTLE_MS]
import { writeFileSync } from 'node:fs';

const [port, url, output, settle = '8000'] = process.argv.slice(2);
const target = await (await fetch(`http://127.0.0.1:${port}/json/new?about:blank`, { method: 'PUT' })).json();
const socket = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
let next = 0;
const pending = new Map();
socket.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message.id && pending.has(message.id)) {
    pending.get(message.id)(message);
    pending.delete(message.id);
  }
};
const send = (method, params = {}) => new Promise((resolve) => {
  const id = ++next;
  pending.set(id, resolve);
  socket.send(JSON.stringify({ id, method, params }));
});

await send('Emulation.setDeviceMetricsOverride', { width: 1440, height: 900, deviceScaleFactor: 1, mobile: false });
await send('Page.enable');
await send('Page.navigate', { url });
await new Promise((resolve) => setTimeout(resolve, Number(settle)));
const shot = await send('Page.captureScreenshot', { format: 'png' });
if (!shot.result?.data) {
  console.error(`screenshot: no image from Chromium: ${JSON.stringify(shot.error ?? shot)}`);
  process.exit(1);
}
writeFileSync(output, Buffer.from(shot.result.data, 'base64'));
socket.close();
