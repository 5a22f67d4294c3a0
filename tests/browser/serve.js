// A tiny static file server for the built site, as a static host serves it: directory URLs
// get their index.html, anything missing gets /404.html with status 404. Listens on an
// ephemeral localhost port.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
};

export async function serve(root) {
  const base = path.resolve(root);
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, "http://localhost");
    let relative = decodeURIComponent(pathname);
    if (relative.endsWith("/")) relative += "index.html";
    const file = path.join(base, relative);
    const inside = file === base || file.startsWith(base + path.sep);
    try {
      if (!inside) throw new Error("outside the site");
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      response.end(body);
    } catch {
      const body = await readFile(path.join(base, "404.html")).catch(() => "not found");
      response.writeHead(404, { "content-type": TYPES[".html"] });
      response.end(body);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
