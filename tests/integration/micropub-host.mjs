// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Liveline developers
//
// A small site on 127.0.0.1 around @benjifs/micropub, for the integration
// tests: tests/integration/servers starts it as
//
//   node micropub-host.mjs PORT DATA_DIR TOKEN_FILE PID_FILE
//
// The library is written for serverless functions: it takes a web Request,
// answers a web Response, keeps posts as Markdown files with YAML front
// matter in a "store", and checks each bearer token by asking an IndieAuth
// token endpoint. This host gives it all of that locally:
//
//   GET  /                 a page that names the endpoints (rel="micropub",
//                          rel="media-endpoint", rel="token_endpoint") and
//                          links to every post
//   GET, POST /micropub    the Micropub endpoint
//   GET, POST /media       the media endpoint
//   GET  /token            the token endpoint the library asks: it knows one
//                          static token (read from TOKEN_FILE) with every scope
//   GET  /uploads/NAME     a file sent to the media endpoint
//   GET  /TYPE/SLUG        a post as an h-entry (410 once deleted)
//
// Posts live in DATA_DIR/src/TYPE/SLUG.md, uploads in DATA_DIR/uploads,
// named as the library names them on any site: the second they came in
// and the name the client gave, so that a second upload of one name in
// one second overwrites the first.
//
// A test can hold answers back, to be sure that a client it kills dies
// while a request is on its way: with `hold-create=TAG` (letters, digits
// and dashes) and `hold-ms=MS` in the query of /micropub, a create is
// done, its Location appended as a line to DATA_DIR/held/TAG, and only
// then answered, MS milliseconds later, or not at all if the client goes
// away first. `hold-upload=TAG` does the same to uploads: the media
// endpoint that q=config names then carries the same query.

import { createServer } from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';

import matter from 'gray-matter';
import MicropubEndpoint from '@benjifs/micropub';
import defaultOptions from '@benjifs/micropub/src/config.js';

const [portArg, dataDirArg, tokenFile, pidFile] = process.argv.slice(2);
if (!portArg || !dataDirArg || !tokenFile || !pidFile) {
  console.error('usage: node micropub-host.mjs PORT DATA_DIR TOKEN_FILE PID_FILE');
  process.exit(2);
}

const port = Number(portArg);
const dataDir = path.resolve(dataDirArg);
const token = (await fs.readFile(tokenFile, 'utf8')).trim();
const me = `http://127.0.0.1:${port}/`;
const scopes = 'create update delete undelete media';

const mediaTypes = {
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
};

// The path of FILENAME (as the library names it, e.g. "src/note/hello.md")
// inside the data folder; null if it would lead outside.
function inDataDir (filename) {
  const full = path.resolve(dataDir, filename);
  return full.startsWith(dataDir + path.sep) ? full : null;
}

async function writeFile (filename, content) {
  const full = inDataDir(filename);
  if (!full)
    return null;
  await fs.mkdir(path.dirname(full), { recursive: true });
  await fs.writeFile(full, content);
  return filename;
}

// The store the library reads and writes through: plain files.
const store = {
  async createFile (filename, content) {
    return writeFile(filename, content);
  },

  async updateFile (filename, content) {
    return writeFile(filename, content);
  },

  async uploadImage (filename, file) {
    return writeFile(filename, file.content);
  },

  // The library takes a missing file to mean "no such post".
  async getFile (filename) {
    const full = inDataDir(filename);
    if (!full)
      return undefined;
    try {
      return { filename, content: await fs.readFile(full, 'utf8') };
    } catch (err) {
      if (err.code === 'ENOENT')
        return undefined;
      throw err;
    }
  },

  async getDirectory (dir) {
    const full = inDataDir(dir);
    if (!full)
      return undefined;
    try {
      const names = await fs.readdir(full);
      return { files: names.map((name) => ({ path: `${dir}/${name}` })) };
    } catch (err) {
      if (err.code === 'ENOENT')
        return undefined;
      throw err;
    }
  },

  async deleteFile (filename) {
    const full = inDataDir(filename);
    if (!full)
      return undefined;
    await fs.unlink(full);
    return filename;
  },
};

const micropub = new MicropubEndpoint({
  store,
  me,
  tokenEndpoint: `${me}token`,
  contentDir: 'src',
  mediaDir: 'uploads',
  config: {
    ...defaultOptions.config,
    'media-endpoint': `${me}media`,
  },
});

function escapeHtml (text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send (res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(body);
}

// The token endpoint: what the library learns about the bearer token.
function tokenInfo (req) {
  const header = req.headers.authorization || '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match && match[1] === token)
    return [200, { me, client_id: `${me}client`, scope: scopes }];
  return [401, { error: 'invalid_token' }];
}

// Every post, newest first: [{ url, title }].
async function listPosts () {
  const posts = [];
  const root = path.join(dataDir, 'src');
  let types = [];
  try {
    types = await fs.readdir(root);
  } catch (err) {
    if (err.code !== 'ENOENT')
      throw err;
  }
  for (const type of types) {
    for (const name of await fs.readdir(path.join(root, type))) {
      if (!name.endsWith('.md'))
        continue;
      const full = path.join(root, type, name);
      const { data } = matter(await fs.readFile(full, 'utf8'));
      if (data.deleted)
        continue;
      const { mtimeMs } = await fs.stat(full);
      posts.push({
        url: `${me}${type}/${name.slice(0, -3)}`,
        title: data.title || `${type}/${name.slice(0, -3)}`,
        mtimeMs,
      });
    }
  }
  return posts.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

async function homePage () {
  const items = (await listPosts()).map((post) =>
    `<li class="h-entry"><a class="u-url p-name" href="${escapeHtml(post.url)}">${escapeHtml(post.title)}</a></li>`);
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Liveline integration Micropub site</title>
<link rel="micropub" href="${me}micropub">
<link rel="media-endpoint" href="${me}media">
<link rel="token_endpoint" href="${me}token">
</head>
<body>
<main class="h-feed">
<h1 class="p-name">Liveline integration Micropub site</h1>
<ul>
${items.join('\n')}
</ul>
</main>
</body>
</html>
`;
}

function asList (value) {
  if (value === undefined || value === null)
    return [];
  return Array.isArray(value) ? value : [value];
}

// A post's page: an h-entry from its front matter and its HTML body.
async function postPage (pathname) {
  const filename = `src${pathname.replace(/\/$/, '')}.md`;
  const post = await store.getFile(filename);
  if (!post)
    return [404, 'not found\n'];
  const { data, content } = matter(post.content);
  if (data.deleted)
    return [410, 'deleted\n'];

  const photos = asList(data.photo).map((photo) => {
    const src = typeof photo === 'string' ? photo : (photo.url || photo.value);
    const alt = typeof photo === 'string' ? '' : (photo.alt || '');
    return `<img class="u-photo" src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`;
  });
  const tags = asList(data.tags).map((tag) =>
    `<a class="p-category" href="#">${escapeHtml(tag)}</a>`);
  const date = data.date instanceof Date ? data.date.toISOString() : data.date;
  return [200, `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>${escapeHtml(data.title || pathname)}</title></head>
<body>
<article class="h-entry">
${data.title ? `<h1 class="p-name">${escapeHtml(data.title)}</h1>` : ''}
${date ? `<time class="dt-published" datetime="${escapeHtml(date)}">${escapeHtml(date)}</time>` : ''}
<div class="e-content">${content}</div>
${photos.join('\n')}
${tags.join(' ')}
<a class="u-url" href="${me}${escapeHtml(pathname.slice(1))}">permalink</a>
</article>
</body>
</html>
`];
}

// Hands a request to the library as a web Request, and its Response back.
async function toLibrary (handler, req, url, body) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value))
      value.forEach((v) => headers.append(name, v));
    else if (value !== undefined)
      headers.set(name, value);
  }
  const hasBody = !['GET', 'HEAD'].includes(req.method);
  const request = new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? body : undefined,
  });
  const response = await handler(request);
  return [response.status, Object.fromEntries(response.headers),
    Buffer.from(await response.arrayBuffer())];
}

// The holds asked for in URL's query, taken out of it: { create, upload,
// ms, query }, or null when there are none.
function holdOf (url) {
  const create = url.searchParams.get('hold-create');
  const upload = url.searchParams.get('hold-upload');
  const ms = Number(url.searchParams.get('hold-ms') || 0);
  const query = new URLSearchParams();
  for (const name of ['hold-create', 'hold-upload', 'hold-ms']) {
    if (url.searchParams.has(name))
      query.set(name, url.searchParams.get(name));
    url.searchParams.delete(name);
  }
  if (create === null && upload === null)
    return null;
  for (const tag of [create, upload]) {
    if (tag !== null && !/^[A-Za-z0-9-]{1,64}$/.test(tag))
      throw Object.assign(new Error(`bad hold ${tag}`), { status: 400 });
  }
  if (!Number.isInteger(ms) || ms < 0 || ms > 600000)
    throw Object.assign(new Error(`bad hold-ms ${ms}`), { status: 400 });
  return { create, upload, ms, query: query.toString() };
}

// Waits MS milliseconds before an answer; false when the client went away
// meanwhile, and there is no one left to answer.
function holdAnswer (res, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), ms);
    res.on('close', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

async function readBody (req) {
  const chunks = [];
  for await (const chunk of req)
    chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function handle (req, res) {
  const url = new URL(req.url, me);
  const body = await readBody(req);
  const pathname = decodeURIComponent(url.pathname);

  if (pathname === '/micropub' || pathname === '/media') {
    const handler = pathname === '/micropub' ? micropub.micropubHandler : micropub.mediaHandler;
    const hold = holdOf(url);
    const tag = hold && (pathname === '/micropub' ? hold.create : hold.upload);
    let [status, headers, out] = await toLibrary(handler, req, url, body);

    if (tag && req.method === 'POST' && status === 201 && headers.location) {
      await fs.mkdir(path.join(dataDir, 'held'), { recursive: true });
      await fs.appendFile(path.join(dataDir, 'held', tag), `${headers.location}\n`);
      if (!await holdAnswer(res, hold.ms))
        return;
    } else if (hold && req.method === 'GET' && status === 200 && url.searchParams.get('q') === 'config') {
      const config = JSON.parse(out.toString('utf8'));
      config['media-endpoint'] = `${me}media?${hold.query}`;
      out = Buffer.from(JSON.stringify(config));
      delete headers['content-length'];
    }
    res.writeHead(status, headers);
    res.end(out);
    return;
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain', 'method not allowed\n');
    return;
  }

  if (pathname === '/token') {
    const [status, info] = tokenInfo(req);
    send(res, status, 'application/json', JSON.stringify(info));
  } else if (pathname === '/') {
    send(res, 200, 'text/html; charset=utf-8', await homePage());
  } else if (pathname.startsWith('/uploads/')) {
    const full = inDataDir(pathname.slice(1));
    try {
      const content = full ? await fs.readFile(full) : null;
      if (!content)
        throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      const type = mediaTypes[path.extname(full).toLowerCase()] || 'application/octet-stream';
      send(res, 200, type, content);
    } catch (err) {
      if (err.code !== 'ENOENT' && err.code !== 'EISDIR')
        throw err;
      send(res, 404, 'text/plain', 'not found\n');
    }
  } else {
    const [status, html] = await postPage(pathname);
    send(res, status, status === 200 ? 'text/html; charset=utf-8' : 'text/plain', html);
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent)
      send(res, err.status || 500, 'text/plain', `${err.status ? err.message : 'internal error'}\n`);
    else
      res.end();
  });
});

server.listen(port, '127.0.0.1', async () => {
  await fs.writeFile(pidFile, `${process.pid}\n`);
  console.log(`micropub-host: listening on ${me}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    fs.unlink(pidFile).catch(() => {}).finally(() => process.exit(0));
  });
}
